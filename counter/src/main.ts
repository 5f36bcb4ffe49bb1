import { createApp } from 'vue';
import '../../ui/theme.css';
import './counter.css';
import { connectHub } from '../../ui/socket.ts';
import { createChime } from '../../ui/sound/chime.ts';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { createCounterStore } from './stores/counter.ts';
import { counterKey } from './stores/useCounter.ts';

const app = createApp(App).use(i18n);
app.runWithContext(() =>
  app.provide(counterKey, createCounterStore({ tokenStore: sessionStorage, deskStore: localStorage, connect: connectHub, chime: createChime() })),
);
app.mount('#app');
