/** Another instance wrote a partition this one believed it owned: rebuild from the store. */
export class OwnershipLost extends Error {
  readonly code = 'ownership-lost';
  readonly retriable = true;
}
