import { createApp } from 'vue';
import '../../ui/theme.css';
import { pairedDevice, restartWhenUnpaired } from '../../ui/pairing/devicePairing.ts';
import { connectHub } from '../../ui/socket.ts';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { feedbackKey, useFeedbackDesk } from './useFeedbackDesk.ts';

// The desk's feedback tablet: paired by an admin as a `feedback` device whose profile is the desk id.
void pairedDevice('feedback', '#app').then(({ token, device }) => {
  const socket = connectHub(token);
  restartWhenUnpaired('feedback', socket);
  const app = createApp(App).use(i18n);
  app.runWithContext(() => app.provide(feedbackKey, useFeedbackDesk(socket, device.profile, token)));
  app.mount('#app');
});
