import { createApp } from 'vue';
import '../../ui/theme.css';
import './manager.css';
import './print.css';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { createManagerStore } from './stores/manager.ts';
import { managerKey } from './stores/useManager.ts';

const app = createApp(App).use(i18n);
// The login is the hub's HttpOnly cookie, kept by the browser until logout or expiry; the page stores no token.
app.provide(managerKey, createManagerStore({}));
app.mount('#app');
