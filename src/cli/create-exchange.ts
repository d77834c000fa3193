import type { ImportedPerson } from '../adapters/csv/index.js';
import type { Exchange, ExchangeRules } from '../bot/model.js';
import type { Store } from '../bot/ports.js';
import { cliGroupKey } from './previous-draw.js';

export interface CliExchangeInput {
  name: string;
  budget: string | null;
  exchangeDate: string | null;
  rules: ExchangeRules;
}

/**
 * Stores a CLI exchange with the people of a participant file and their exclusions, in one
 * transaction. The group key `cli:` + the normalised name ties draws of the same name together for
 * the avoid-repeats rule. People are matched across draws by their name key.
 */
export function createCliExchange(
  store: Store,
  input: CliExchangeInput,
  people: readonly ImportedPerson[],
  now: number,
): Exchange {
  return store.transaction(() => {
    const exchange = store.createExchange(
      {
        name: input.name,
        platform: 'cli',
        groupKey: cliGroupKey(input.name),
        channelId: null,
        organiserId: 'cli',
        budget: input.budget,
        exchangeDate: input.exchangeDate,
        rules: input.rules,
      },
      now,
    );

    const idByKey = new Map<string, number>();
    for (const person of people) {
      const participant = store.addParticipant(
        {
          exchangeId: exchange.id,
          platformUserId: null,
          displayName: person.displayName,
          nameKey: person.nameKey,
          phone: person.phone,
          email: person.email,
          household: person.household,
          wishlist: person.wishlist,
          channels: person.channels,
        },
        now,
      );
      idByKey.set(person.nameKey, participant.id);
    }

    for (const person of people) {
      const giverId = idByKey.get(person.nameKey);
      for (const excluded of person.exclusions) {
        const recipientId = idByKey.get(excluded);
        // The import resolved every exclusion to a person of the file, so both ids exist.
        if (giverId !== undefined && recipientId !== undefined) {
          store.addExclusion({ exchangeId: exchange.id, giverId, recipientId });
        }
      }
    }

    return exchange;
  });
}
