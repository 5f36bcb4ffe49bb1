import type { FaqAnswer } from '../../protocol/faq.ts';

/**
 * The answers with those about the current ticket's service first (then the general ones, then the rest), each
 * group keeping the hub's order (best match first). Without a ticket, the hub's order as it is.
 */
export function serviceFirst<A extends Pick<FaqAnswer, 'services'>>(answers: readonly A[], serviceId: string | undefined): A[] {
  if (serviceId === undefined) return [...answers];
  const rank = (a: A) => (a.services.includes(serviceId) ? 0 : a.services.length === 0 ? 1 : 2);
  return answers.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map((x) => x.a);
}
