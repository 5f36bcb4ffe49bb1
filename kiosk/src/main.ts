import { createApp } from 'vue';
import '../../ui/theme.css';
import './kiosk.css';
import { pairedDevice, restartWhenUnpaired } from '../../ui/pairing/devicePairing.ts';
import { connectHub } from '../../ui/socket.ts';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { createKioskStore } from './stores/kiosk.ts';
import { kioskKey } from './stores/useKiosk.ts';

// A paired kiosk: its profile (set by the admin when pairing) names the kiosk, its printer and its room.
void pairedDevice('kiosk', '#app').then(({ token, device }) => {
  const socket = connectHub(token);
  restartWhenUnpaired('kiosk', socket);
  const app = createApp(App).use(i18n);
  app.runWithContext(() => app.provide(kioskKey, createKioskStore({ kioskId: device.profile, socket, language: () => i18n.global.locale.value })));
  app.mount('#app');
});
