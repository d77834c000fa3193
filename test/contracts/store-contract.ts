/**
 * The behaviour every Store implementation must have. Run it with `describeStoreContract` against each
 * implementation; `makeStore` returns a new, empty store for every case.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { StoreError } from '../../src/bot/errors.js';
import type { ChannelKind, Exchange, Participant } from '../../src/bot/model.js';
import type { NewDelivery, NewExchange, NewParticipant, Store } from '../../src/bot/ports.js';

const T0 = 1_700_000_000_000;

function exchangeInput(overrides: Partial<NewExchange> = {}): NewExchange {
  return {
    name: 'Family 2026',
    platform: 'cli',
    groupKey: 'cli:family',
    channelId: null,
    organiserId: 'cli',
    budget: '£20',
    exchangeDate: '2026-12-24',
    rules: { noReciprocal: true, singleLoop: false, avoidPast: 2 },
    ...overrides,
  };
}

function slackExchange(channelId: string, overrides: Partial<NewExchange> = {}): NewExchange {
  return exchangeInput({
    name: `Office ${channelId}`,
    platform: 'slack',
    groupKey: 'T01',
    channelId,
    organiserId: 'U0ORG',
    ...overrides,
  });
}

function participantInput(
  exchangeId: number,
  name: string,
  overrides: Partial<NewParticipant> = {},
): NewParticipant {
  return {
    exchangeId,
    platformUserId: null,
    displayName: name,
    nameKey: name.toLowerCase(),
    phone: null,
    email: `${name.toLowerCase()}@example.test`,
    household: null,
    wishlist: null,
    channels: null,
    ...overrides,
  };
}

function reveal(
  participantId: number,
  channel: ChannelKind = 'email',
  fallback: ChannelKind[] = [],
): NewDelivery {
  return { participantId, purpose: 'reveal', channel, fallback };
}

function storeErrorCode(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return (error as StoreError).code;
  }
  throw new Error('expected a StoreError, but nothing was thrown');
}

/** Runs the Store contract against the stores that `makeStore` creates. */
export function describeStoreContract(name: string, makeStore: () => Store): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(() => {
      store = makeStore();
    });

    afterEach(() => {
      store.close();
    });

    /** An open exchange with people named after `names`, joined one millisecond apart. */
    function exchangeWith(names: string[], input: NewExchange = exchangeInput()): [Exchange, Participant[]] {
      const exchange = store.createExchange(input, T0);
      const people = names.map((person, index) =>
        store.addParticipant(participantInput(exchange.id, person), T0 + 1 + index),
      );
      return [exchange, people];
    }

    /** Draws a loop through `people` (each gives to the next), with one reveal for each of `revealTo`. */
    function drawLoop(
      exchange: Exchange,
      people: Participant[],
      now: number,
      revealTo: Participant[] = people,
    ) {
      return store.recordDraw(
        {
          exchangeId: exchange.id,
          method: 'uniform',
          relaxedHistory: [],
          assignments: people.map((giver, index) => ({
            giverId: giver.id,
            recipientId: people[(index + 1) % people.length]!.id,
          })),
          deliveries: revealTo.map((giver) => reveal(giver.id, 'email', ['file'])),
        },
        now,
      );
    }

    describe('exchanges', () => {
      it('createExchange stores every field', () => {
        const exchange = store.createExchange(exchangeInput(), T0);

        expect(exchange).toEqual({
          id: exchange.id,
          name: 'Family 2026',
          platform: 'cli',
          groupKey: 'cli:family',
          channelId: null,
          organiserId: 'cli',
          budget: '£20',
          exchangeDate: '2026-12-24',
          rules: { noReciprocal: true, singleLoop: false, avoidPast: 2 },
          status: 'open',
          createdAt: T0,
          updatedAt: T0,
        });
        expect(store.getExchange(exchange.id)).toEqual(exchange);
      });

      it('getExchange returns null for an unknown id', () => {
        expect(store.getExchange(999)).toBeNull();
      });

      it('createExchange rejects a malformed date', () => {
        expect(
          storeErrorCode(() => store.createExchange(exchangeInput({ exchangeDate: '24/12/2026' }), T0)),
        ).toBe('INVALID_VALUE');
      });

      it('one active exchange per channel', () => {
        const first = store.createExchange(slackExchange('C1'), T0);

        expect(storeErrorCode(() => store.createExchange(slackExchange('C1'), T0 + 1))).toBe(
          'ACTIVE_EXCHANGE_EXISTS',
        );
        expect(store.transitionExchange(first.id, 'open', 'drawn', T0 + 2)).toBe(true);
        expect(storeErrorCode(() => store.createExchange(slackExchange('C1'), T0 + 3))).toBe(
          'ACTIVE_EXCHANGE_EXISTS',
        );

        expect(store.createExchange(slackExchange('C2'), T0 + 4).status).toBe('open');
        expect(
          store.createExchange(slackExchange('C1', { platform: 'discord', groupKey: 'G1' }), T0 + 5).status,
        ).toBe('open');

        expect(store.transitionExchange(first.id, 'drawn', 'closed', T0 + 6)).toBe(true);
        const second = store.createExchange(slackExchange('C1'), T0 + 7);
        expect(second.status).toBe('open');
        expect(store.listExchanges({ platform: 'slack' }).map((e) => e.id)).toContain(second.id);
      });

      it('one active exchange per channel, on reopening', () => {
        const first = store.createExchange(slackExchange('C1'), T0);
        store.transitionExchange(first.id, 'open', 'cancelled', T0 + 1);
        store.createExchange(slackExchange('C1'), T0 + 2);

        expect(storeErrorCode(() => store.transitionExchange(first.id, 'cancelled', 'open', T0 + 3))).toBe(
          'ACTIVE_EXCHANGE_EXISTS',
        );
        expect(store.getExchange(first.id)?.status).toBe('cancelled');
      });

      it('CLI exchanges without a channel may run side by side', () => {
        store.createExchange(exchangeInput(), T0);
        store.createExchange(exchangeInput(), T0 + 1);

        expect(store.listExchanges({ platform: 'cli', status: 'open' })).toHaveLength(2);
      });

      it('findActiveExchange finds only open or drawn ones', () => {
        const exchange = store.createExchange(slackExchange('C1'), T0);

        expect(store.findActiveExchange('slack', 'T01', 'C1')?.id).toBe(exchange.id);
        expect(store.findActiveExchange('slack', 'T02', 'C1')).toBeNull();
        expect(store.findActiveExchange('discord', 'T01', 'C1')).toBeNull();
        expect(store.findActiveExchange('slack', 'T01', 'C9')).toBeNull();

        store.transitionExchange(exchange.id, 'open', 'drawn', T0 + 1);
        expect(store.findActiveExchange('slack', 'T01', 'C1')?.status).toBe('drawn');

        store.transitionExchange(exchange.id, 'drawn', 'closed', T0 + 2);
        expect(store.findActiveExchange('slack', 'T01', 'C1')).toBeNull();
      });

      it('findExchangeByName ignores case and returns the latest', () => {
        store.createExchange(exchangeInput({ name: 'Family Ödön' }), T0);
        const latest = store.createExchange(exchangeInput({ name: 'family ÖDÖN' }), T0 + 10);
        store.createExchange(slackExchange('C1', { name: 'FAMILY ödön' }), T0 + 20);

        expect(store.findExchangeByName('cli', '  FAMILY ödön ')?.id).toBe(latest.id);
        expect(store.findExchangeByName('cli', 'Friends')).toBeNull();
      });

      it('listExchanges filters by platform and status', () => {
        const cli = store.createExchange(exchangeInput(), T0);
        const slack = store.createExchange(slackExchange('C1'), T0 + 1);
        store.transitionExchange(slack.id, 'open', 'drawn', T0 + 2);

        expect(store.listExchanges().map((e) => e.id)).toEqual([cli.id, slack.id]);
        expect(store.listExchanges({ platform: 'slack' }).map((e) => e.id)).toEqual([slack.id]);
        expect(store.listExchanges({ status: 'open' }).map((e) => e.id)).toEqual([cli.id]);
        expect(store.listExchanges({ platform: 'cli', status: 'drawn' })).toEqual([]);
      });

      it('transitionExchange changes only from the expected status', () => {
        const exchange = store.createExchange(exchangeInput(), T0);

        expect(store.transitionExchange(exchange.id, 'drawn', 'closed', T0 + 1)).toBe(false);
        expect(store.getExchange(exchange.id)?.status).toBe('open');

        expect(store.transitionExchange(exchange.id, 'open', 'cancelled', T0 + 2)).toBe(true);
        expect(store.getExchange(exchange.id)).toMatchObject({ status: 'cancelled', updatedAt: T0 + 2 });
        expect(store.transitionExchange(999, 'open', 'cancelled', T0 + 3)).toBe(false);
      });

      it('updateExchange changes only the given fields', () => {
        const exchange = store.createExchange(exchangeInput(), T0);

        const renamed = store.updateExchange(exchange.id, { name: 'Cousins', budget: null }, T0 + 5);
        expect(renamed).toEqual({ ...exchange, name: 'Cousins', budget: null, updatedAt: T0 + 5 });

        const ruled = store.updateExchange(
          exchange.id,
          { rules: { noReciprocal: false, singleLoop: true, avoidPast: 0 }, exchangeDate: undefined },
          T0 + 6,
        );
        expect(ruled.rules).toEqual({ noReciprocal: false, singleLoop: true, avoidPast: 0 });
        expect(ruled.exchangeDate).toBe('2026-12-24');
        expect(store.findExchangeByName('cli', 'COUSINS')?.id).toBe(exchange.id);
      });

      it('updateExchange of an unknown id throws', () => {
        expect(storeErrorCode(() => store.updateExchange(999, { name: 'X' }, T0))).toBe('EXCHANGE_NOT_FOUND');
      });
    });

    describe('participants', () => {
      it('addParticipant stores every field', () => {
        const exchange = store.createExchange(exchangeInput(), T0);
        const input = participantInput(exchange.id, 'Ann', {
          platformUserId: 'U1',
          phone: '+447700900001',
          household: 'Smiths',
          wishlist: 'Books',
          channels: ['sms', 'email'],
        });

        const ann = store.addParticipant(input, T0 + 1);

        expect(ann).toEqual({
          id: ann.id,
          exchangeId: exchange.id,
          platformUserId: 'U1',
          displayName: 'Ann',
          nameKey: 'ann',
          phone: '+447700900001',
          email: 'ann@example.test',
          household: 'Smiths',
          wishlist: 'Books',
          channels: ['sms', 'email'],
          joinedAt: T0 + 1,
          leftAt: null,
        });
        expect(store.getParticipant(ann.id)).toEqual(ann);
        expect(store.getParticipant(999)).toBeNull();
      });

      it('duplicate participant by user id', () => {
        const exchange = store.createExchange(slackExchange('C1'), T0);
        store.addParticipant(participantInput(exchange.id, 'Ann', { platformUserId: 'U1' }), T0);

        let thrown: unknown;
        try {
          store.addParticipant(participantInput(exchange.id, 'Annie', { platformUserId: 'U1' }), T0);
        } catch (error) {
          thrown = error;
        }

        expect(thrown).toBeInstanceOf(StoreError);
        expect(thrown).toMatchObject({ code: 'DUPLICATE_PARTICIPANT', value: 'platformUserId' });
      });

      it('duplicate participant by name key', () => {
        const [exchange] = exchangeWith(['Ann']);

        let thrown: unknown;
        try {
          store.addParticipant(participantInput(exchange.id, 'ANN'), T0);
        } catch (error) {
          thrown = error;
        }

        expect(thrown).toBeInstanceOf(StoreError);
        expect(thrown).toMatchObject({ code: 'DUPLICATE_PARTICIPANT', value: 'nameKey' });
        expect(store.listParticipants(exchange.id)).toHaveLength(1);
      });

      it('same person may join two exchanges', () => {
        const [, [ann]] = exchangeWith(['Ann']);
        const other = store.createExchange(exchangeInput({ name: 'Friends' }), T0);

        const again = store.addParticipant(participantInput(other.id, 'Ann'), T0);

        expect(again.id).not.toBe(ann!.id);
        expect(store.findParticipantByNameKey(other.id, 'ann')?.id).toBe(again.id);
      });

      it('addParticipant to an unknown exchange throws', () => {
        expect(storeErrorCode(() => store.addParticipant(participantInput(999, 'Ann'), T0))).toBe(
          'REFERENCE_NOT_FOUND',
        );
      });

      it('addParticipant rejects an unknown channel kind', () => {
        const exchange = store.createExchange(exchangeInput(), T0);
        const input = participantInput(exchange.id, 'Ann', { channels: 'sms' as unknown as ChannelKind[] });

        expect(storeErrorCode(() => store.addParticipant(input, T0))).toBe('INVALID_VALUE');
      });

      it('findParticipantByUser and by name key', () => {
        const exchange = store.createExchange(slackExchange('C1'), T0);
        const ann = store.addParticipant(participantInput(exchange.id, 'Ann', { platformUserId: 'U1' }), T0);

        expect(store.findParticipantByUser(exchange.id, 'U1')?.id).toBe(ann.id);
        expect(store.findParticipantByUser(exchange.id, 'U2')).toBeNull();
        expect(store.findParticipantByNameKey(exchange.id, 'ann')?.id).toBe(ann.id);
        expect(store.findParticipantByNameKey(exchange.id, 'bo')).toBeNull();
      });

      it('listParticipants in join order, left ones on request', () => {
        const exchange = store.createExchange(exchangeInput(), T0);
        const cy = store.addParticipant(participantInput(exchange.id, 'Cy'), T0 + 1);
        const ann = store.addParticipant(participantInput(exchange.id, 'Ann'), T0 + 2);
        const bo = store.addParticipant(participantInput(exchange.id, 'Bo'), T0 + 3);
        store.updateParticipant(ann.id, { leftAt: T0 + 4 });

        expect(store.listParticipants(exchange.id).map((p) => p.displayName)).toEqual(['Cy', 'Bo']);
        expect(store.listParticipants(exchange.id, { includeLeft: true }).map((p) => p.id)).toEqual([
          cy.id,
          ann.id,
          bo.id,
        ]);
        expect(store.countParticipants(exchange.id)).toBe(2);
      });

      it('updateParticipant changes only the given fields', () => {
        const [, [ann]] = exchangeWith(['Ann']);

        const updated = store.updateParticipant(ann!.id, {
          phone: '+447700900001',
          email: null,
          channels: ['sms'],
          wishlist: undefined,
        });
        expect(updated).toEqual({ ...ann, phone: '+447700900001', email: null, channels: ['sms'] });

        const cleared = store.updateParticipant(ann!.id, { channels: null, displayName: 'Annie' });
        expect(cleared).toMatchObject({ channels: null, displayName: 'Annie', phone: '+447700900001' });
        expect(store.updateParticipant(ann!.id, {})).toEqual(cleared);
      });

      it('updateParticipant of an unknown id throws', () => {
        expect(storeErrorCode(() => store.updateParticipant(999, { wishlist: 'Socks' }))).toBe(
          'PARTICIPANT_NOT_FOUND',
        );
      });
    });

    describe('exclusions', () => {
      it('addExclusion twice keeps one', () => {
        const [exchange, [ann, bo, cy]] = exchangeWith(['Ann', 'Bo', 'Cy']);
        const annNotBo = { exchangeId: exchange.id, giverId: ann!.id, recipientId: bo!.id };
        const cyNotAnn = { exchangeId: exchange.id, giverId: cy!.id, recipientId: ann!.id };

        store.addExclusion(cyNotAnn);
        store.addExclusion(annNotBo);
        store.addExclusion(annNotBo);

        expect(store.listExclusions(exchange.id)).toEqual([annNotBo, cyNotAnn]);
      });

      it('removeExclusion reports whether one existed', () => {
        const [exchange, [ann, bo]] = exchangeWith(['Ann', 'Bo']);
        const exclusion = { exchangeId: exchange.id, giverId: ann!.id, recipientId: bo!.id };
        store.addExclusion(exclusion);

        expect(store.removeExclusion(exclusion)).toBe(true);
        expect(store.removeExclusion(exclusion)).toBe(false);
        expect(store.listExclusions(exchange.id)).toEqual([]);
      });

      it('addExclusion rejects a person of another exchange', () => {
        const [exchange, [ann]] = exchangeWith(['Ann']);
        const [, [stranger]] = exchangeWith(['Bo'], exchangeInput({ name: 'Friends' }));

        expect(
          storeErrorCode(() =>
            store.addExclusion({ exchangeId: exchange.id, giverId: ann!.id, recipientId: stranger!.id }),
          ),
        ).toBe('REFERENCE_NOT_FOUND');
      });

      it('addExclusion rejects excluding oneself', () => {
        const [exchange, [ann]] = exchangeWith(['Ann']);

        expect(
          storeErrorCode(() =>
            store.addExclusion({ exchangeId: exchange.id, giverId: ann!.id, recipientId: ann!.id }),
          ),
        ).toBe('INVALID_VALUE');
      });
    });

    describe('draws', () => {
      it('recordDraw stores draw, assignments and deliveries', () => {
        const [exchange, people] = exchangeWith(['Ann', 'Bo', 'Cy']);
        const [ann, bo, cy] = people;

        const draw = drawLoop(exchange, people, T0 + 100);

        expect(draw).toEqual({
          id: draw!.id,
          exchangeId: exchange.id,
          method: 'uniform',
          relaxedHistory: [],
          createdAt: T0 + 100,
        });
        expect(store.getExchange(exchange.id)).toMatchObject({ status: 'drawn', updatedAt: T0 + 100 });
        expect(store.getDraw(draw!.id)).toEqual(draw);
        expect(store.getLatestDraw(exchange.id)).toEqual(draw);
        expect(store.listAssignments(draw!.id)).toEqual([
          { drawId: draw!.id, giverId: ann!.id, recipientId: bo!.id },
          { drawId: draw!.id, giverId: bo!.id, recipientId: cy!.id },
          { drawId: draw!.id, giverId: cy!.id, recipientId: ann!.id },
        ]);
        expect(store.getAssignmentForGiver(draw!.id, cy!.id)).toEqual({
          drawId: draw!.id,
          giverId: cy!.id,
          recipientId: ann!.id,
        });
        expect(store.getAssignmentForGiver(draw!.id, 999)).toBeNull();

        const deliveries = store.listDeliveries(draw!.id);
        expect(deliveries.map((d) => d.participantId)).toEqual([ann!.id, bo!.id, cy!.id]);
        expect(deliveries[0]).toEqual({
          id: deliveries[0]!.id,
          drawId: draw!.id,
          participantId: ann!.id,
          purpose: 'reveal',
          channel: 'email',
          fallback: ['file'],
          status: 'pending',
          attempts: 0,
          nextAttemptAt: T0 + 100,
          lastErrorCode: null,
          providerMessageId: null,
          createdAt: T0 + 100,
          updatedAt: T0 + 100,
        });
      });

      it('second recordDraw returns null', () => {
        const [exchange, people] = exchangeWith(['Ann', 'Bo', 'Cy']);
        const first = drawLoop(exchange, people, T0 + 100);

        const second = drawLoop(exchange, [...people].reverse(), T0 + 200);

        expect(second).toBeNull();
        expect(store.getLatestDraw(exchange.id)).toEqual(first);
        expect(store.listDeliveries(first!.id)).toHaveLength(3);
        expect(store.getExchange(exchange.id)?.updatedAt).toBe(T0 + 100);
      });

      it('recordDraw of a cancelled exchange returns null', () => {
        const [exchange, people] = exchangeWith(['Ann', 'Bo']);
        store.transitionExchange(exchange.id, 'open', 'cancelled', T0 + 10);

        expect(drawLoop(exchange, people, T0 + 100)).toBeNull();
        expect(store.getLatestDraw(exchange.id)).toBeNull();
      });

      it('recordDraw rolls back on a stranger', () => {
        const [exchange, [ann, bo]] = exchangeWith(['Ann', 'Bo']);
        const [, [stranger]] = exchangeWith(['Dee'], exchangeInput({ name: 'Friends' }));

        const code = storeErrorCode(() =>
          store.recordDraw(
            {
              exchangeId: exchange.id,
              method: 'uniform',
              relaxedHistory: [],
              assignments: [
                { giverId: ann!.id, recipientId: bo!.id },
                { giverId: bo!.id, recipientId: stranger!.id },
              ],
              deliveries: [],
            },
            T0 + 100,
          ),
        );

        expect(code).toBe('PARTICIPANT_NOT_IN_EXCHANGE');
        expect(store.getExchange(exchange.id)?.status).toBe('open');
        expect(store.getLatestDraw(exchange.id)).toBeNull();
        expect(store.listPastPairings('cli:family', 5)).toEqual([]);
      });

      it('recordDraw rejects a recipient drawn twice', () => {
        const [exchange, [ann, bo, cy]] = exchangeWith(['Ann', 'Bo', 'Cy']);

        const code = storeErrorCode(() =>
          store.recordDraw(
            {
              exchangeId: exchange.id,
              method: 'approximate',
              relaxedHistory: [],
              assignments: [
                { giverId: ann!.id, recipientId: cy!.id },
                { giverId: bo!.id, recipientId: cy!.id },
              ],
              deliveries: [reveal(ann!.id)],
            },
            T0 + 100,
          ),
        );

        expect(code).toBe('ALREADY_EXISTS');
        expect(store.getExchange(exchange.id)?.status).toBe('open');
        expect(store.nextDueAt()).toBeNull();
      });

      it('getLatestDraw returns null before a draw', () => {
        const [exchange] = exchangeWith(['Ann', 'Bo']);

        expect(store.getLatestDraw(exchange.id)).toBeNull();
        expect(store.getDraw(999)).toBeNull();
        expect(store.listAssignments(999)).toEqual([]);
      });

      it('recordDraw keeps the relaxed history labels', () => {
        const [exchange, [ann, bo]] = exchangeWith(['Ann', 'Bo']);

        const draw = store.recordDraw(
          {
            exchangeId: exchange.id,
            method: 'approximate',
            relaxedHistory: ['Family 2024', 'Family 2025'],
            assignments: [
              { giverId: ann!.id, recipientId: bo!.id },
              { giverId: bo!.id, recipientId: ann!.id },
            ],
            deliveries: [],
          },
          T0,
        );

        expect(store.getDraw(draw!.id)).toMatchObject({
          method: 'approximate',
          relaxedHistory: ['Family 2024', 'Family 2025'],
        });
      });
    });

    describe('recordRepair', () => {
      /**
       * A drawn loop Ann -> Bo -> Cy -> Dee -> Ann with one email reveal each, of which Cy's was sent,
       * and the repair after Bo leaves: Ann takes Bo's recipient Cy, nobody else changes. The repair
       * brings an SMS reveal for every remaining giver.
       */
      function drawnThenBoLeaves() {
        const [exchange, people] = exchangeWith(['Ann', 'Bo', 'Cy', 'Dee']);
        const [ann, bo, cy, dee] = people as [Participant, Participant, Participant, Participant];
        const first = drawLoop(exchange, people, T0 + 100)!;
        const sending = store.claimDueDeliveries(T0 + 100, 10).find((d) => d.participantId === cy.id)!;
        store.markDeliverySent(sending.id, 'msg-cy', T0 + 110);
        for (const d of store.listDeliveries(first.id)) {
          if (d.status === 'sending') store.markDeliveryRetry(d.id, 'TIMEOUT', T0 + 150, T0 + 110);
        }
        const repair = {
          exchangeId: exchange.id,
          replacesDrawId: first.id,
          reason: 'leave' as const,
          method: 'approximate' as const,
          relaxedHistory: [],
          assignments: [
            { giverId: ann.id, recipientId: cy.id },
            { giverId: cy.id, recipientId: dee.id },
            { giverId: dee.id, recipientId: ann.id },
          ],
          deliveries: [ann, cy, dee].map((giver) => reveal(giver.id, 'sms', ['email'])),
        };
        return { exchange, ann, bo, cy, dee, first, repair };
      }

      it('stores the new draw as the latest', () => {
        const { exchange, ann, cy, dee, first, repair } = drawnThenBoLeaves();

        const repaired = store.recordRepair(repair, T0 + 500);

        expect(repaired).toEqual({
          id: repaired!.id,
          exchangeId: exchange.id,
          method: 'approximate',
          relaxedHistory: [],
          createdAt: T0 + 500,
        });
        expect(repaired!.id).not.toBe(first.id);
        expect(store.getLatestDraw(exchange.id)).toEqual(repaired);
        expect(store.getExchange(exchange.id)).toMatchObject({ status: 'drawn', updatedAt: T0 + 500 });
        expect(store.listAssignments(repaired!.id)).toEqual([
          { drawId: repaired!.id, giverId: ann.id, recipientId: cy.id },
          { drawId: repaired!.id, giverId: cy.id, recipientId: dee.id },
          { drawId: repaired!.id, giverId: dee.id, recipientId: ann.id },
        ]);
        expect(store.listAssignments(first.id)).toHaveLength(4);
      });

      it('one fresh reveal per giver', () => {
        const { ann, bo, cy, dee, first, repair } = drawnThenBoLeaves();

        const repaired = store.recordRepair(repair, T0 + 500)!;

        const summary = (drawId: number) =>
          store
            .listDeliveries(drawId)
            .map((d) => [d.participantId, d.channel, d.status, d.lastErrorCode, d.providerMessageId]);
        expect(summary(repaired.id)).toEqual([
          [dee.id, 'email', 'pending', 'TIMEOUT', null],
          [ann.id, 'sms', 'pending', null, null],
          [cy.id, 'sms', 'pending', null, null],
        ]);
        expect(summary(first.id)).toEqual([
          [ann.id, 'email', 'failed', 'DRAW_REPAIRED', null],
          [bo.id, 'email', 'failed', 'PARTICIPANT_LEFT', null],
          [cy.id, 'email', 'sent', null, 'msg-cy'],
        ]);
        expect(store.claimDueDeliveries(T0 + 600, 10).map((d) => [d.participantId, d.drawId])).toEqual([
          [dee.id, repaired.id],
          [ann.id, repaired.id],
          [cy.id, repaired.id],
        ]);
      });

      it('moves only reveals in flight', () => {
        const { ann, bo, cy, dee, first, repair } = drawnThenBoLeaves();
        const again = store.enqueueDeliveries(
          first.id,
          [reveal(ann.id), reveal(bo.id), reveal(dee.id)],
          T0 + 200,
        );
        store.claimDueDeliveries(T0 + 200, 10);
        store.markDeliverySent(again[0]!.id, 'msg-ann', T0 + 210);

        const repaired = store.recordRepair(repair, T0 + 500)!;

        const moved = store.listDeliveries(repaired.id).map((d) => [d.participantId, d.status]);
        expect(moved).toEqual([
          [ann.id, 'sending'],
          [dee.id, 'sending'],
          [dee.id, 'sending'],
          [ann.id, 'pending'],
          [cy.id, 'pending'],
        ]);
        const kept = store.listDeliveries(first.id).map((d) => [d.participantId, d.status]);
        expect(kept).toEqual([
          [bo.id, 'sending'],
          [cy.id, 'sent'],
          [ann.id, 'sent'],
          [bo.id, 'sending'],
        ]);
      });

      it('replaces the pair history', () => {
        const { exchange, repair } = drawnThenBoLeaves();

        const repaired = store.recordRepair(repair, T0 + 500)!;

        expect(store.listPastPairings('cli:family', 5)).toEqual(
          [
            ['name:ann', 'name:cy'],
            ['name:cy', 'name:dee'],
            ['name:dee', 'name:ann'],
          ].map(([giverKey, recipientKey]) => ({
            exchangeId: exchange.id,
            exchangeName: 'Family 2026',
            drawnAt: repaired.createdAt,
            giverKey,
            recipientKey,
          })),
        );
      });

      it('stale draw returns null and changes nothing', () => {
        const { exchange, first, repair } = drawnThenBoLeaves();
        const winner = store.recordRepair(repair, T0 + 500)!;
        const deliveriesBefore = store.listDeliveries(winner.id);
        const pairingsBefore = store.listPastPairings('cli:family', 5);

        const stale = store.recordRepair(
          { ...repair, deliveries: [reveal(repair.assignments[2]!.giverId)] },
          T0 + 600,
        );

        expect(stale).toBeNull();
        expect(store.getLatestDraw(exchange.id)).toEqual(winner);
        expect(store.listDeliveries(winner.id)).toEqual(deliveriesBefore);
        expect(store.listDeliveries(first.id)).toHaveLength(3);
        expect(store.listPastPairings('cli:family', 5)).toEqual(pairingsBefore);
        expect(store.getExchange(exchange.id)?.updatedAt).toBe(T0 + 500);
      });

      it('exchange no longer drawn returns null', () => {
        const { exchange, first, repair } = drawnThenBoLeaves();
        store.transitionExchange(exchange.id, 'drawn', 'cancelled', T0 + 300);

        expect(store.recordRepair(repair, T0 + 500)).toBeNull();
        expect(store.getLatestDraw(exchange.id)).toEqual(first);
      });

      it('rolls back on a stranger', () => {
        const { exchange, first, repair } = drawnThenBoLeaves();
        const [, [stranger]] = exchangeWith(['Eve'], exchangeInput({ name: 'Friends' }));
        const assignments = [
          ...repair.assignments.slice(0, 2),
          { giverId: repair.assignments[2]!.giverId, recipientId: stranger!.id },
        ];

        const code = storeErrorCode(() => store.recordRepair({ ...repair, assignments }, T0 + 500));

        expect(code).toBe('PARTICIPANT_NOT_IN_EXCHANGE');
        expect(store.getLatestDraw(exchange.id)).toEqual(first);
        expect(store.listDeliveries(first.id)).toHaveLength(4);
        expect(store.listPastPairings('cli:family', 5)).toHaveLength(4);
      });
    });

    describe('listPastPairings', () => {
      /** A drawn CLI exchange of the family group, named `name`, whose loop runs through `names`. */
      function pastExchange(
        name: string,
        names: string[],
        drawnAt: number,
        groupKey = 'cli:family',
      ): Exchange {
        const [exchange, people] = exchangeWith(names, exchangeInput({ name, groupKey }));
        drawLoop(exchange, people, drawnAt);
        return exchange;
      }

      it('returns the pairs of the latest drawn exchanges', () => {
        pastExchange('Family 2023', ['Ann', 'Bo'], T0 + 1000);
        const y2025 = pastExchange('Family 2025', ['Ann', 'Bo', 'Cy'], T0 + 3000);
        const y2024 = pastExchange('Family 2024', ['Cy', 'Ann'], T0 + 2000);

        expect(store.listPastPairings('cli:family', 2)).toEqual([
          {
            exchangeId: y2025.id,
            exchangeName: 'Family 2025',
            drawnAt: T0 + 3000,
            giverKey: 'name:ann',
            recipientKey: 'name:bo',
          },
          {
            exchangeId: y2025.id,
            exchangeName: 'Family 2025',
            drawnAt: T0 + 3000,
            giverKey: 'name:bo',
            recipientKey: 'name:cy',
          },
          {
            exchangeId: y2025.id,
            exchangeName: 'Family 2025',
            drawnAt: T0 + 3000,
            giverKey: 'name:cy',
            recipientKey: 'name:ann',
          },
          {
            exchangeId: y2024.id,
            exchangeName: 'Family 2024',
            drawnAt: T0 + 2000,
            giverKey: 'name:cy',
            recipientKey: 'name:ann',
          },
          {
            exchangeId: y2024.id,
            exchangeName: 'Family 2024',
            drawnAt: T0 + 2000,
            giverKey: 'name:ann',
            recipientKey: 'name:cy',
          },
        ]);
      });

      it('skips the excepted, cancelled, open and other groups', () => {
        const kept = pastExchange('Family 2023', ['Ann', 'Bo'], T0 + 1000);
        const current = pastExchange('Family 2026', ['Ann', 'Bo'], T0 + 5000);
        pastExchange('Neighbours', ['Ann', 'Bo'], T0 + 4000, 'cli:neighbours');
        const cancelled = pastExchange('Family 2025', ['Ann', 'Bo'], T0 + 3000);
        store.transitionExchange(cancelled.id, 'drawn', 'cancelled', T0 + 3500);
        exchangeWith(['Ann', 'Bo'], exchangeInput({ name: 'Family 2027' }));

        const pairings = store.listPastPairings('cli:family', 1, current.id);

        expect(pairings.map((p) => p.exchangeId)).toEqual([kept.id, kept.id]);
      });

      it('counts closed exchanges', () => {
        const closed = pastExchange('Family 2024', ['Ann', 'Bo'], T0 + 1000);
        store.transitionExchange(closed.id, 'drawn', 'closed', T0 + 1500);

        expect(store.listPastPairings('cli:family', 3).map((p) => p.exchangeId)).toEqual([
          closed.id,
          closed.id,
        ]);
      });

      it('keys people by user id when they have one', () => {
        const exchange = store.createExchange(slackExchange('C1'), T0);
        const ann = store.addParticipant(participantInput(exchange.id, 'Ann', { platformUserId: 'U1' }), T0);
        const bo = store.addParticipant(participantInput(exchange.id, 'Bo'), T0);
        drawLoop(exchange, [ann, bo], T0 + 100);

        expect(store.listPastPairings('T01', 1).map((p) => [p.giverKey, p.recipientKey])).toEqual([
          ['U1', 'name:bo'],
          ['name:bo', 'U1'],
        ]);
      });

      it('returns nothing for a limit of 0', () => {
        pastExchange('Family 2025', ['Ann', 'Bo'], T0 + 1000);

        expect(store.listPastPairings('cli:family', 0)).toEqual([]);
      });
    });

    describe('deliveries', () => {
      /**
       * A drawn exchange of `size` people (at least 2), the first `reveals` of whom have one pending email
       * delivery each, due at T0 + 100.
       */
      function drawnExchange(size = 3, reveals = size) {
        const names = ['Ann', 'Bo', 'Cy', 'Dee', 'Eve'].slice(0, size);
        const [exchange, people] = exchangeWith(names);
        const draw = drawLoop(exchange, people, T0 + 100, people.slice(0, reveals))!;
        return { exchange, people, draw, deliveries: store.listDeliveries(draw.id) };
      }

      it('claim ordering by due time, then id', () => {
        const { deliveries } = drawnExchange(3);
        const [first, second, third] = deliveries;
        store.claimDueDeliveries(T0 + 100, 3);
        store.markDeliveryRetry(first!.id, 'TIMEOUT', T0 + 500, T0 + 101);
        store.markDeliveryRetry(second!.id, 'TIMEOUT', T0 + 300, T0 + 101);
        store.markDeliveryRetry(third!.id, 'TIMEOUT', T0 + 300, T0 + 101);

        expect(store.claimDueDeliveries(T0 + 299, 10)).toEqual([]);
        expect(store.claimDueDeliveries(T0 + 1000, 2).map((d) => d.id)).toEqual([second!.id, third!.id]);
        expect(store.claimDueDeliveries(T0 + 1000, 2).map((d) => d.id)).toEqual([first!.id]);
      });

      it('claimDueDeliveries marks them sending', () => {
        const { deliveries } = drawnExchange(2);

        const claimed = store.claimDueDeliveries(T0 + 100, 1);

        expect(claimed).toEqual([{ ...deliveries[0], status: 'sending', attempts: 1, updatedAt: T0 + 100 }]);
        expect(store.getDelivery(deliveries[0]!.id)).toEqual(claimed[0]);
        expect(store.claimDueDeliveries(T0 + 100, 10).map((d) => d.id)).toEqual([deliveries[1]!.id]);
        expect(store.claimDueDeliveries(T0 + 100, 10)).toEqual([]);
      });

      it('claimDueDeliveries skips those not yet due', () => {
        drawnExchange(2);

        expect(store.claimDueDeliveries(T0 + 99, 10)).toEqual([]);
      });

      it('markDeliverySent records the provider id', () => {
        const { deliveries } = drawnExchange(2, 1);
        const [claimed] = store.claimDueDeliveries(T0 + 100, 1);

        store.markDeliverySent(claimed!.id, 'SM123', T0 + 150);

        expect(store.getDelivery(deliveries[0]!.id)).toMatchObject({
          status: 'sent',
          attempts: 1,
          providerMessageId: 'SM123',
          updatedAt: T0 + 150,
        });
        expect(store.nextDueAt()).toBeNull();
      });

      it('markDeliveryRetry schedules another attempt', () => {
        const { deliveries } = drawnExchange(2, 1);
        store.claimDueDeliveries(T0 + 100, 1);

        store.markDeliveryRetry(deliveries[0]!.id, 'HTTP_429', T0 + 2000, T0 + 150);

        expect(store.getDelivery(deliveries[0]!.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastErrorCode: 'HTTP_429',
          nextAttemptAt: T0 + 2000,
          updatedAt: T0 + 150,
        });
        expect(store.nextDueAt()).toBe(T0 + 2000);

        const [again] = store.claimDueDeliveries(T0 + 2000, 1);
        expect(again).toMatchObject({ id: deliveries[0]!.id, attempts: 2 });
      });

      it('fallback enqueue on markDeliveryFailed', () => {
        const { draw, deliveries, people } = drawnExchange(2, 1);
        store.claimDueDeliveries(T0 + 100, 1);

        const next = store.markDeliveryFailed(
          deliveries[0]!.id,
          'SMTP_550',
          { participantId: people[0]!.id, purpose: 'reveal', channel: 'file', fallback: [] },
          T0 + 150,
        );

        expect(store.getDelivery(deliveries[0]!.id)).toMatchObject({
          status: 'failed',
          lastErrorCode: 'SMTP_550',
        });
        expect(next).toEqual({
          id: next!.id,
          drawId: draw.id,
          participantId: people[0]!.id,
          purpose: 'reveal',
          channel: 'file',
          fallback: [],
          status: 'pending',
          attempts: 0,
          nextAttemptAt: T0 + 150,
          lastErrorCode: null,
          providerMessageId: null,
          createdAt: T0 + 150,
          updatedAt: T0 + 150,
        });
        expect(store.listDeliveries(draw.id).map((d) => d.id)).toEqual([deliveries[0]!.id, next!.id]);
      });

      it('markDeliveryFailed without a next channel', () => {
        const { draw, deliveries } = drawnExchange(2, 1);
        store.claimDueDeliveries(T0 + 100, 1);

        expect(store.markDeliveryFailed(deliveries[0]!.id, 'TWILIO_21610', null, T0 + 150)).toBeNull();
        expect(store.listDeliveries(draw.id)).toHaveLength(1);
      });

      it('markDeliveryFailed rolls back on an invalid fallback', () => {
        const { draw, deliveries } = drawnExchange(2, 1);
        store.claimDueDeliveries(T0 + 100, 1);

        const code = storeErrorCode(() =>
          store.markDeliveryFailed(deliveries[0]!.id, 'SMTP_550', reveal(999, 'file'), T0 + 150),
        );

        expect(code).toBe('REFERENCE_NOT_FOUND');
        expect(store.getDelivery(deliveries[0]!.id)?.status).toBe('sending');
        expect(store.listDeliveries(draw.id)).toHaveLength(1);
      });

      it('marking an unclaimed delivery throws', () => {
        const { deliveries } = drawnExchange(2);
        const id = deliveries[0]!.id;

        expect(storeErrorCode(() => store.markDeliverySent(id, null, T0))).toBe('DELIVERY_NOT_SENDING');
        expect(storeErrorCode(() => store.markDeliveryRetry(id, 'X', T0, T0))).toBe('DELIVERY_NOT_SENDING');
        expect(storeErrorCode(() => store.markDeliveryFailed(id, 'X', null, T0))).toBe(
          'DELIVERY_NOT_SENDING',
        );
        expect(storeErrorCode(() => store.markDeliverySent(999, null, T0))).toBe('DELIVERY_NOT_FOUND');
        expect(store.getDelivery(id)?.status).toBe('pending');
      });

      it('recover interrupted deliveries', () => {
        const { deliveries } = drawnExchange(3);
        store.claimDueDeliveries(T0 + 100, 2);

        expect(store.recoverInterruptedDeliveries(T0 + 5000)).toBe(2);
        expect(store.recoverInterruptedDeliveries(T0 + 5001)).toBe(0);

        const recovered = store.getDelivery(deliveries[0]!.id);
        expect(recovered).toMatchObject({
          status: 'pending',
          attempts: 1,
          nextAttemptAt: T0 + 100,
          updatedAt: T0 + 5000,
        });
        expect(store.claimDueDeliveries(T0 + 5000, 10).map((d) => d.id)).toEqual(deliveries.map((d) => d.id));
      });

      it('enqueueDeliveries adds to an existing draw', () => {
        const { draw, people } = drawnExchange(2);

        const added = store.enqueueDeliveries(
          draw.id,
          [
            reveal(people[1]!.id, 'sms', ['email']),
            { participantId: people[0]!.id, purpose: 'unreachable', channel: 'email', fallback: [] },
          ],
          T0 + 700,
        );

        expect(added.map((d) => [d.participantId, d.purpose, d.channel, d.fallback, d.status])).toEqual([
          [people[1]!.id, 'reveal', 'sms', ['email'], 'pending'],
          [people[0]!.id, 'unreachable', 'email', [], 'pending'],
        ]);
        expect(store.listDeliveries(draw.id)).toHaveLength(4);
      });

      it('enqueueDeliveries to an unknown draw throws', () => {
        const { people } = drawnExchange(2);

        expect(storeErrorCode(() => store.enqueueDeliveries(999, [reveal(people[0]!.id)], T0))).toBe(
          'REFERENCE_NOT_FOUND',
        );
      });

      it('nextDueAt returns the earliest pending time', () => {
        expect(store.nextDueAt()).toBeNull();

        const { deliveries } = drawnExchange(2);
        expect(store.nextDueAt()).toBe(T0 + 100);

        store.claimDueDeliveries(T0 + 100, 1);
        store.markDeliveryRetry(deliveries[0]!.id, 'TIMEOUT', T0 + 50, T0 + 100);
        expect(store.nextDueAt()).toBe(T0 + 50);
      });

      it('getDelivery returns null for an unknown id', () => {
        expect(store.getDelivery(999)).toBeNull();
        expect(store.listDeliveries(999)).toEqual([]);
      });
    });

    describe('transaction', () => {
      it('returns the value of the work', () => {
        expect(store.transaction(() => store.createExchange(exchangeInput(), T0).name)).toBe('Family 2026');
      });

      it('rolls back everything on a throw', () => {
        expect(() =>
          store.transaction(() => {
            store.createExchange(exchangeInput(), T0);
            throw new Error('stop');
          }),
        ).toThrow('stop');

        expect(store.listExchanges()).toEqual([]);
      });

      it('nested calls join the outer one', () => {
        expect(() =>
          store.transaction(() => {
            store.transaction(() => store.createExchange(exchangeInput(), T0));
            const [exchange, people] = exchangeWith(['Ann', 'Bo']);
            drawLoop(exchange, people, T0 + 1);
            throw new Error('stop');
          }),
        ).toThrow('stop');

        expect(store.listExchanges()).toEqual([]);
        expect(store.nextDueAt()).toBeNull();
      });

      it('nested failure caught inside keeps the outer work', () => {
        const kept = store.transaction(() => {
          const exchange = store.createExchange(exchangeInput(), T0);
          try {
            store.transaction(() => {
              store.addParticipant(participantInput(exchange.id, 'Ann'), T0);
              throw new Error('stop');
            });
          } catch {
            // The inner work is undone; the outer transaction goes on.
          }
          return exchange;
        });

        expect(store.getExchange(kept.id)).toEqual(kept);
        expect(store.listParticipants(kept.id)).toEqual([]);
      });
    });
  });
}
