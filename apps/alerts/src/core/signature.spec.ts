import { Webhook } from 'standardwebhooks';
import { signWebhook } from './signature';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_' + Buffer.from('a-new-key-of-thirty-two-bytes!!!').toString('base64');

describe('Standard Webhooks signature', () => {
  const body = JSON.stringify({ id: 'ntf_1', findings: [] });
  const now = Math.floor(Date.now() / 1000);

  it('verifies with the standardwebhooks library under each of the rotated keys', () => {
    const headers = signWebhook('ntf_1', now, body, [OLD, NEW]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(OLD).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(NEW).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('is what the library itself would sign', () => {
    const headers = signWebhook('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}', ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']);
    expect(headers['webhook-signature']).toBe(new Webhook(OLD).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}'));
  });

  it('fails verification for a tampered body, a changed id, an old timestamp', () => {
    const headers = signWebhook('ntf_1', now, body, [OLD]);
    expect(() => new Webhook(OLD).verify(body.replace('ntf_1', 'ntf_2'), { ...headers })).toThrow();
    expect(() => new Webhook(OLD).verify(body, { ...headers, 'webhook-id': 'ntf_2' })).toThrow();
    const old = signWebhook('ntf_1', now - 600, body, [OLD]);
    expect(() => new Webhook(OLD).verify(body, { ...old })).toThrow(/too old/);
  });
});
