import { checkAddress, invalidNetworks } from './address-policy';

describe('receiver address allow list', () => {
  const none = { allowedNetworks: [] };
  it('allows public unicast and refuses link-local (metadata), loopback, private, unique-local, multicast, unspecified', () => {
    expect(checkAddress('93.184.216.34', none)).toEqual({ ok: true });
    expect(checkAddress('2606:2800:220:1:248:1893:25c8:1946', none)).toEqual({ ok: true });
    for (const address of ['169.254.169.254', '127.0.0.1', '10.1.2.3', '192.168.0.1', '172.16.0.5', '100.64.0.1', 'fd00:ec2::254', 'fe80::1', '::1', '224.0.0.1', '0.0.0.0', '::ffff:127.0.0.1']) {
      expect(checkAddress(address, none)).toMatchObject({ ok: false });
    }
    expect(checkAddress('169.254.169.254', none)).toMatchObject({ reason: expect.stringContaining('linkLocal') });
  });

  it('allows what a configured network covers, and only that', () => {
    const local = { allowedNetworks: ['127.0.0.0/8', '10.20.0.0/16'] };
    expect(checkAddress('127.0.0.1', local)).toEqual({ ok: true });
    expect(checkAddress('::ffff:127.0.0.1', local)).toEqual({ ok: true });
    expect(checkAddress('10.20.3.4', local)).toEqual({ ok: true });
    expect(checkAddress('10.21.3.4', local)).toMatchObject({ ok: false });
    expect(checkAddress('169.254.169.254', local)).toMatchObject({ ok: false });
  });

  it('finds malformed networks', () => {
    expect(invalidNetworks(['127.0.0.0/8', 'nonsense', '10.0.0.0/99'])).toEqual(['nonsense', '10.0.0.0/99']);
  });
});
