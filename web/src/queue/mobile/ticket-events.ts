import type { CustomerTicket } from '../queue.api';
import type { QueueEvent } from '../use-branch-events';

/**
 * Whether a branch event can change what a ticket's holder sees, so that a phone asks again only
 * then. The public ticket carries no id, but its number is unique in the branch for the day and
 * every ticket event names its ticket's number. In the line (`remote`, `waiting`) others' events
 * matter too: arrivals in its category change the people ahead, and calls, service and counters
 * change who is ahead and how soon a counter is free. Past the line, only its own events do.
 */
export function mayChangeTicket(event: QueueEvent, ticket: Pick<CustomerTicket, 'number' | 'category' | 'status'>): boolean {
  if (event.number === ticket.number) return true;
  if (ticket.status !== 'waiting' && ticket.status !== 'remote') return false;
  switch (event.type) {
    case 'issued':
    case 'arrived':
    case 'cancelled':
      return event.category === ticket.category;
    case 'recalled':
    case 'announcement':
      return false;
    default:
      return true;
  }
}
