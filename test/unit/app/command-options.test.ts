import { describe, expect, it } from 'vitest';
import { parseCommandOptions } from '../../../src/app/command-options';

const input = { expiry: '', userProperties: '', askForReply: false, replyTimeout: '' };

describe('MQTT 5 command options', () => {
  it('reads expiry, user properties in order (a key may repeat) and the reply timeout', () => {
    expect(parseCommandOptions({ expiry: '60', userProperties: 'opérateur = anna\n\nposte=2\nposte=3', askForReply: true, replyTimeout: '' })).toEqual({
      expirySeconds: 60,
      userProperties: [['opérateur', 'anna'], ['poste', '2'], ['poste', '3']],
      replyTimeoutSeconds: 10,
    });
    expect(parseCommandOptions(input)).toEqual({ expirySeconds: null, userProperties: [], replyTimeoutSeconds: null });
  });

  it('refuses bad values with a sentence saying what to change', () => {
    expect(parseCommandOptions({ ...input, expiry: '0' })).toEqual({ problem: expect.stringContaining('Message expiry must be') });
    expect(parseCommandOptions({ ...input, expiry: '1.5' })).toEqual({ problem: expect.stringContaining('whole number') });
    expect(parseCommandOptions({ ...input, userProperties: 'a=1\nsans valeur' })).toEqual({ problem: 'User property on line 2 needs the form key=value.' });
    expect(parseCommandOptions({ ...input, userProperties: 'command-id=x' })).toEqual({ problem: expect.stringContaining('set by the dashboard') });
    expect(parseCommandOptions({ ...input, askForReply: true, replyTimeout: 'bientôt' })).toEqual({ problem: expect.stringContaining('Reply timeout') });
  });
});
