import { createApp } from 'vue';
import '../../ui/theme.css';
import './kiosk.css';
import { pageIdFromPath } from '../../ui/pageId.ts';
import { connectHub } from '../../ui/socket.ts';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { createKioskStore } from './stores/kiosk.ts';
import { kioskKey } from './stores/useKiosk.ts';

// /kiosk/<id> names the kiosk (its printer and its room); plain /kiosk is the kiosk `info-point`.
const kioskId = pageIdFromPath() ?? 'info-point';

const app = createApp(App).use(i18n);
app.runWithContext(() => app.provide(kioskKey, createKioskStore({ kioskId, socket: connectHub() })));
app.mount('#app');
