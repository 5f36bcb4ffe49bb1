import { createApp } from 'vue';
import '../../ui/theme.css';
import './manager.css';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { createManagerStore } from './stores/manager.ts';
import { managerKey } from './stores/useManager.ts';

const app = createApp(App).use(i18n);
// The manager's own PC: the login is kept across restarts of the browser until logout or expiry.
app.provide(managerKey, createManagerStore({ tokenStore: localStorage }));
app.mount('#app');
