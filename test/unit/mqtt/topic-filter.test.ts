import { describe, expect, it } from 'vitest';
import { topicFilterProblem, topicMatches, topicNameProblem } from '../../../src/mqtt/topic-filter';
import type { Problem } from '../../../src/shared/problems';
import { problemWords } from '../../../src/ui/problem-words';

/** What the user reads: the problem in words. */
const words = (problem: Problem | null) => (problem === null ? '' : problemWords(problem));

describe('topic filter validation', () => {
  it.each(['#', '+', 'sport/#', 'sport/tennis/#', '+/tennis/#', 'sport/+/player1', '+/+', '/+', 'moteur/température', 'a//b'])(
    'accepts %s',
    (filter) => expect(topicFilterProblem(filter)).toBeNull(),
  );

  it.each([
    ['', /empty/],
    ['sport/tennis#', /#/],
    ['sport/tennis/#/ranking', /#/],
    ['sport+', /\+/],
    ['sport/+tennis', /\+/],
    ['a/\u0000', /null/],
  ])('refuses %j', (filter, message) => expect(words(topicFilterProblem(filter))).toMatch(message));

  it('refuses a filter longer than 65535 bytes of UTF-8', () => {
    expect(words(topicFilterProblem('é'.repeat(40_000)))).toMatch(/65,535/);
  });
});

describe('topic name validation', () => {
  it('accepts plain and non-ASCII names', () => {
    expect(topicNameProblem('moteur/température')).toBeNull();
    expect(topicNameProblem('/')).toBeNull();
  });
  it('refuses wildcards and empty names', () => {
    expect(words(topicNameProblem('moteur/#'))).toMatch(/wildcards/);
    expect(words(topicNameProblem('moteur/+/x'))).toMatch(/wildcards/);
    expect(words(topicNameProblem(''))).toMatch(/empty/);
  });
});

describe('topic matching (the specification examples)', () => {
  it('multi-level wildcard', () => {
    expect(topicMatches('sport/tennis/player1/#', 'sport/tennis/player1')).toBe(true);
    expect(topicMatches('sport/tennis/player1/#', 'sport/tennis/player1/ranking')).toBe(true);
    expect(topicMatches('sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon')).toBe(true);
    expect(topicMatches('sport/#', 'sport')).toBe(true);
    expect(topicMatches('#', 'anything/at/all')).toBe(true);
    expect(topicMatches('sport/#', 'sports')).toBe(false);
  });

  it('single-level wildcard', () => {
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player1')).toBe(true);
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player2')).toBe(true);
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player1/ranking')).toBe(false);
    expect(topicMatches('sport/+', 'sport')).toBe(false);
    expect(topicMatches('sport/+', 'sport/')).toBe(true);
    expect(topicMatches('+/+', '/finance')).toBe(true);
    expect(topicMatches('/+', '/finance')).toBe(true);
    expect(topicMatches('+', '/finance')).toBe(false);
    expect(topicMatches('usine/+/pression', 'usine/ligne-1/pression')).toBe(true);
  });

  it('exact filters and non-ASCII levels', () => {
    expect(topicMatches('moteur/température', 'moteur/température')).toBe(true);
    expect(topicMatches('moteur/température', 'moteur/temperature')).toBe(false);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
    expect(topicMatches('a/b/c', 'a/b')).toBe(false);
  });

  it('wildcards at the first level do not match $ topics', () => {
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('+/monitor/Clients', '$SYS/monitor/Clients')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker/uptime')).toBe(true);
    expect(topicMatches('$SYS/monitor/+', '$SYS/monitor/Clients')).toBe(true);
  });
});

describe('hints never suggest what the field refuses', () => {
  it('an empty publish topic is shown an exact topic, an empty filter a wildcard one', () => {
    expect(words(topicNameProblem(''))).toContain('for example moteur/commande');
    expect(words(topicNameProblem(''))).not.toMatch(/[+#]/);
    expect(words(topicFilterProblem(''))).toContain('moteur/#');
  });
});
