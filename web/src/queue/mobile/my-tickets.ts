import type { QueueBranch } from '../queue.api';

/*
 * The tickets taken on this phone today, kept in localStorage so that a customer who closes the
 * page finds their number again. The token in the page's address is the proof; this is only a
 * list of those addresses.
 */

export type MyTicket = { token: string; number: string; branch: QueueBranch; issuedAt: string };

const KEY = 'bl_queue_tickets';
const bankDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** Today's tickets on this phone, newest first; older ones are forgotten. */
export function myTickets(): MyTicket[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const today = bankDay(new Date().toISOString());
    return (parsed as MyTicket[]).filter((t) => typeof t?.token === 'string' && typeof t.issuedAt === 'string' && bankDay(t.issuedAt) === today);
  } catch {
    return []; // storage unavailable or spoiled: nothing remembered, the address still works
  }
}

export function rememberTicket(ticket: MyTicket): void {
  try {
    const others = myTickets().filter((t) => t.token !== ticket.token);
    localStorage.setItem(KEY, JSON.stringify([ticket, ...others].slice(0, 10)));
  } catch {
    // private browsing: the page's address is the only copy
  }
}
