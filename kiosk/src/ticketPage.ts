import { createApp } from 'vue';
import '../../ui/theme.css';
import TicketStatusPage from './components/TicketStatusPage.vue';
import { i18n } from './i18n/index.ts';
import { pagePath } from '../../ui/office.ts';

// The citizen's phone, from the QR code: /t/<ticket id>?k=<key> (/o/<office>/t/… for another office of the network). English when the phone prefers it.
if (navigator.language && !navigator.language.toLowerCase().startsWith('it')) i18n.global.locale.value = 'en';
const ticketId = Number(pagePath().split('/')[2]);
const key = new URLSearchParams(location.search).get('k') ?? '';
createApp(TicketStatusPage, { ticketId, ticketKey: key }).use(i18n).mount('#app');
