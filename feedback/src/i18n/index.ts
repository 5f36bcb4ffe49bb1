import { createMessages } from '../../../ui/i18n.ts';
import en from './en.ts';
import it from './it.ts';

export const i18n = createMessages({ it, en });
