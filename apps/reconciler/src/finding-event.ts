// The CloudEvent of a finding change lives with the engine: an audit replay writes the same bytes.
export { findingCloudEvent, findingData } from '@parity/rules';
