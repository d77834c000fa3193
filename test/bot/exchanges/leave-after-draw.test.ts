import { describe, expect, it } from 'vitest';

import { parseCommandText } from '../../../src/bot/commands/parse.js';
import { DeliveryWorker } from '../../../src/bot/delivery/worker.js';
import { buildDrawProblem } from '../../../src/bot/draw/build-problem.js';
import { withdrawParticipant } from '../../../src/bot/draw/repair-draw.js';
import { DeliveryError, UserError } from '../../../src/bot/errors.js';
import type { Participant } from '../../../src/bot/model.js';
import type { Store } from '../../../src/bot/ports.js';
import { Santa } from '../../../src/bot/santa.js';
import { verifyDraw } from '../../../src/engine/index.js';
import { createTestBot, slackUser, type TestBot } from '../helpers.js';

const PEOPLE = [
  slackUser('UANN', 'Ann'),
  slackUser('UBO', 'Bo'),
  slackUser('UCY', 'Cy'),
  slackUser('UDEE', 'Dee'),
  slackUser('UEVE', 'Eve'),
  slackUser('UFAY', 'Fay'),
];
const [ann, bo, cy] = PEOPLE as [(typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0]];

/** Creates, fills and draws the channel's exchange, delivers every reveal, and returns its id. */
async function drawnAndDelivered(bot: TestBot, people = PEOPLE, create = 'create Office'): Promise<number> {
  await bot.santa.executeText(ann, create);
  for (const person of people) await bot.santa.executeText(person, 'join');
  await bot.santa.executeText(ann, 'draw');
  await deliverAll(bot);
  return bot.store.findActiveExchange('slack', 'T1', 'C1')!.id;
}

async function deliverAll(bot: TestBot): Promise<void> {
  await new DeliveryWorker({ ...bot.deps, concurrency: 1 }).drainUntilIdle();
}

/** Returns the latest draw's pairs, by display name. */
function pairsByName(store: Store, exchangeId: number): Map<string, string> {
  const draw = store.getLatestDraw(exchangeId)!;
  const name = (id: number) => store.getParticipant(id)!.displayName;
  return new Map(store.listAssignments(draw.id).map((a) => [name(a.giverId), name(a.recipientId)]));
}

/** Returns each Slack reveal sent so far, as [giver, recipient]. */
function revealsSent(bot: TestBot): [string, string][] {
  return bot.channels.get('slack')!.sent.map((envelope) => {
    if (envelope.content.purpose !== 'reveal') throw new Error('expected only reveals');
    return [envelope.content.giverName, envelope.content.recipientName];
  });
}

function verifyLatest(store: Store, exchangeId: number): unknown[] {
  const exchange = store.getExchange(exchangeId)!;
  const problem = buildDrawProblem(store, exchange, store.listParticipants(exchangeId));
  const draw = store.getLatestDraw(exchangeId)!;
  const pairs = store
    .listAssignments(draw.id)
    .map((a) => [String(a.giverId), String(a.recipientId)] as const);
  return verifyDraw(problem, pairs, draw.relaxedHistory);
}

describe('leave after the draw', () => {
  it('repairs the draw around the leaver', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);
    const firstDraw = bot.store.getLatestDraw(exchangeId)!;
    const before = pairsByName(bot.store, exchangeId);
    const sentBefore = revealsSent(bot).length;
    const wakesBefore = bot.wakes();

    const replies = await bot.santa.executeText(bo, 'leave');
    await deliverAll(bot);

    const after = pairsByName(bot.store, exchangeId);
    const changed = [...after].filter(([giver, recipient]) => before.get(giver) !== recipient);
    expect(bot.store.getLatestDraw(exchangeId)!.id).toBeGreaterThan(firstDraw.id);
    expect(verifyLatest(bot.store, exchangeId)).toEqual([]);
    expect(after.size).toBe(5);
    expect(after.has('Bo')).toBe(false);
    expect([...after.values()]).not.toContain('Bo');
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(revealsSent(bot).slice(sentBefore).sort()).toEqual([...after].sort());
    expect(bot.wakes()).toBe(wakesBefore + 1);
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')!.leftAt).not.toBeNull();

    expect(replies).toEqual([
      {
        visibility: 'private',
        text: 'You have left *⟦Office⟧*. The draw was adjusted without you, so you give and receive no gift in it.',
      },
      {
        visibility: 'public',
        text: 'Someone left *⟦Office⟧*, so the draw was adjusted: 5 people are still in. Each of them gets a new message with their recipient, which may be the same as before.',
      },
    ]);
  });

  it('public reply names nobody', async () => {
    const bot = createTestBot({ kinds: ['slack'], seed: 11 });
    await drawnAndDelivered(bot);

    const replies = await bot.santa.executeText(cy, 'leave');

    const shown = replies.filter((reply) => reply.visibility === 'public').map((reply) => reply.text);
    expect(shown).toHaveLength(1);
    for (const person of PEOPLE) {
      expect(shown[0]).not.toContain(person.userName);
      expect(shown[0]).not.toContain(person.userId);
    }
  });

  it('status shows everyone told after delivery', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    await drawnAndDelivered(bot);
    await bot.santa.executeText(bo, 'leave');
    await deliverAll(bot);

    const replies = await bot.santa.executeText(ann, 'status');

    expect(replies.map((reply) => reply.text)).toEqual([
      '*⟦Office⟧* is drawn. 5 of 5 told:\n' +
        ['Ann', 'Cy', 'Dee', 'Eve', 'Fay'].map((name) => `• ⟦${name}⟧: told by Slack DM`).join('\n'),
    ]);
  });

  it.each(['UBO', 'UCY', 'UDEE'])('tells every giver again when %s leaves', async (userId) => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);
    const firstDraw = bot.store.getLatestDraw(exchangeId)!;
    const leaver = PEOPLE.find((person) => person.userId === userId)!;
    const sentBefore = revealsSent(bot).length;

    await bot.santa.executeText(leaver, 'leave');
    const status = await bot.santa.executeText(ann, 'status');
    await deliverAll(bot);

    const draw = bot.store.getLatestDraw(exchangeId)!;
    const reveals = bot.store.listDeliveries(draw.id).filter((d) => d.purpose === 'reveal');
    const givers = bot.store.listParticipants(exchangeId).map((person) => person.id);
    expect(draw.id).not.toBe(firstDraw.id);
    expect(givers).toHaveLength(5);
    expect(reveals.map((d) => [d.participantId, d.status]).sort()).toEqual(
      givers.map((id) => [id, 'sent']).sort(),
    );
    expect(revealsSent(bot).slice(sentBefore).sort()).toEqual([...pairsByName(bot.store, exchangeId)].sort());
    const names = PEOPLE.filter((person) => person.userId !== userId).map((person) => person.userName);
    expect(status.map((reply) => reply.text)).toEqual([
      `*⟦Office⟧* is drawn. 0 of 5 told:\n${names.map((name) => `• ⟦${name}⟧: sending by Slack DM`).join('\n')}`,
    ]);
  });

  it('reports every giver unreachable alike', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);
    const slack = bot.channels.get('slack')!;
    slack.send = async () => {
      throw new DeliveryError('DM_CLOSED', 'The user does not accept direct messages.', true);
    };

    await bot.santa.executeText(bo, 'leave');
    await deliverAll(bot);

    const draw = bot.store.getLatestDraw(exchangeId)!;
    const notices = bot.store.listDeliveries(draw.id).filter((d) => d.purpose === 'unreachable');
    const givers = bot.store.listParticipants(exchangeId).map((person) => person.id);
    expect(notices.map((d) => d.participantId).sort()).toEqual([...givers].sort());
  });

  it('drops the leaver pending reveal', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    await bot.santa.executeText(ann, 'create Office');
    for (const person of PEOPLE) await bot.santa.executeText(person, 'join');
    await bot.santa.executeText(ann, 'draw');
    const exchangeId = bot.store.findActiveExchange('slack', 'T1', 'C1')!.id;
    const firstDraw = bot.store.getLatestDraw(exchangeId)!;
    const boId = bot.store.findParticipantByUser(exchangeId, 'UBO')!.id;

    await bot.santa.executeText(bo, 'leave');
    await deliverAll(bot);

    const boReveals = bot.store.listDeliveries(firstDraw.id).filter((d) => d.participantId === boId);
    expect(boReveals.map((d) => [d.status, d.lastErrorCode])).toEqual([['failed', 'PARTICIPANT_LEFT']]);
    const sent = revealsSent(bot);
    expect(sent.map(([giver]) => giver).sort()).toEqual(['Ann', 'Cy', 'Dee', 'Eve', 'Fay']);
    expect(new Map(sent)).toEqual(pairsByName(bot.store, exchangeId));
  });
});

describe('organiser removes someone', () => {
  it('repairs the draw without them', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);

    const replies = await bot.santa.executeText(ann, 'leave <@UCY>');

    expect(replies.map((reply) => reply.text)).toEqual([
      'Removed ⟦Cy⟧ from *⟦Office⟧*. The draw was adjusted without them, and everyone still in is told their recipient again.',
      'Someone left *⟦Office⟧*, so the draw was adjusted: 5 people are still in. Each of them gets a new message with their recipient, which may be the same as before.',
    ]);
    expect(pairsByName(bot.store, exchangeId).has('Cy')).toBe(false);
    expect(verifyLatest(bot.store, exchangeId)).toEqual([]);
  });

  it('names every unreachable giver', async () => {
    const bot = createTestBot({ kinds: ['sms'] });
    await drawnAndDelivered(bot);

    const replies = await bot.santa.executeText(ann, 'leave <@UCY>');

    expect(replies.map((reply) => reply.text).slice(2)).toEqual([
      'These people have no way to be told their recipient: ⟦Ann⟧, ⟦Bo⟧, ⟦Dee⟧, ⟦Eve⟧, ⟦Fay⟧. Ask them to add a phone number or email with `/santa contact`, then check `/santa status`.',
    ]);
  });

  it('removes before the draw', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    await bot.santa.executeText(ann, 'create Office');
    for (const person of PEOPLE) await bot.santa.executeText(person, 'join');

    const replies = await bot.santa.executeText(ann, 'leave <@UCY>');

    expect(replies.map((reply) => reply.text)).toEqual(['Removed ⟦Cy⟧ from *⟦Office⟧*.']);
    const exchangeId = bot.store.findActiveExchange('slack', 'T1', 'C1')!.id;
    expect(bot.store.countParticipants(exchangeId)).toBe(5);
  });

  it('rejects others removing someone', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);
    const drawId = bot.store.getLatestDraw(exchangeId)!.id;

    const replies = await bot.santa.executeText(bo, 'leave <@UCY>');

    expect(replies.map((reply) => reply.text)).toEqual([
      '⟦Only the organiser can remove someone else. Use /santa leave to leave yourself.⟧',
    ]);
    expect(bot.store.getLatestDraw(exchangeId)!.id).toBe(drawId);
  });

  it.each([
    ['leave', { name: 'leave' }],
    ['leave <@UCY|cy>', { name: 'leave', person: { userId: 'UCY', name: 'cy' } }],
  ])('parses %s', (text, command) => {
    expect(parseCommandText(text)).toEqual(command);
  });

  it('parse rejects a second word', () => {
    expect(() => parseCommandText('leave <@UCY> <@UBO>')).toThrow(UserError);
  });
});

describe('impossible repair', () => {
  it('keeps the person in with the reason', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot, [ann, bo, cy], 'create Office no-reciprocal');
    const drawId = bot.store.getLatestDraw(exchangeId)!.id;
    const sentBefore = revealsSent(bot).length;

    const replies = await bot.santa.executeText(bo, 'leave');
    await deliverAll(bot);

    expect(replies).toEqual([
      {
        visibility: 'private',
        text:
          'You are still in *⟦Office⟧*: the draw cannot be adjusted without you.\n' +
          'The draw is not possible. Only ⟦Ann⟧ and ⟦Cy⟧ would remain, and with the rule that no two people draw each other a draw needs at least 3 people.\n' +
          'The person stays in the drawn exchange. To take them out anyway, cancel it and start a new one.',
      },
    ]);
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')!.leftAt).toBeNull();
    expect(bot.store.getLatestDraw(exchangeId)!.id).toBe(drawId);
    expect(revealsSent(bot)).toHaveLength(sentBefore);
  });
});

describe('concurrent repair', () => {
  /** Santa over a store whose `recordRepair` runs `before` first, as another process would. */
  function santaWithInterference(bot: TestBot, before: () => Store['recordRepair'] | void): Santa {
    const store: Store = {
      ...bot.store,
      recordRepair: (repair, now) => {
        const replacement = before();
        return (replacement ?? bot.store.recordRepair)(repair, now);
      },
    };
    return new Santa({ ...bot.deps, store });
  }

  it('retries on the newer draw', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);
    const exchange = bot.store.getExchange(exchangeId)!;
    const dee: Participant = bot.store.findParticipantByUser(exchangeId, 'UDEE')!;
    let interfered = false;
    const santa = santaWithInterference(bot, () => {
      if (interfered) return;
      interfered = true;
      const other = withdrawParticipant(bot.deps, exchange, dee, { notify: 'first-reachable' });
      expect(other.ok).toBe(true);
    });

    const replies = await santa.executeText(bo, 'leave');

    expect(replies[1]?.text).toContain('4 people are still in');
    const after = pairsByName(bot.store, exchangeId);
    expect([...after.keys()].sort()).toEqual(['Ann', 'Cy', 'Eve', 'Fay']);
    expect(verifyLatest(bot.store, exchangeId)).toEqual([]);
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')!.leftAt).not.toBeNull();
    expect(bot.store.findParticipantByUser(exchangeId, 'UDEE')!.leftAt).not.toBeNull();
  });

  it('gives up after repeated changes', async () => {
    const bot = createTestBot({ kinds: ['slack'] });
    const exchangeId = await drawnAndDelivered(bot);
    const drawId = bot.store.getLatestDraw(exchangeId)!.id;
    const santa = santaWithInterference(bot, () => () => null);

    const replies = await santa.executeText(bo, 'leave');

    expect(replies).toEqual([
      {
        visibility: 'private',
        text: '⟦The draw changed several times while santa adjusted it, so nothing changed. Please try again.⟧',
      },
    ]);
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')!.leftAt).toBeNull();
    expect(bot.store.getLatestDraw(exchangeId)!.id).toBe(drawId);
  });
});
