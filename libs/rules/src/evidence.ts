/** Which event stated a fact: (source, id) is unique, and independent of arrival order. */
export interface Evidence {
  readonly source: string;
  readonly id: string;
}
