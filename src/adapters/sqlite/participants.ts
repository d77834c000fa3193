import { StoreError } from '../../bot/errors.js';
import type { Participant } from '../../bot/model.js';
import type { NewParticipant, ParticipantPatch, Store } from '../../bot/ports.js';
import { isUniqueViolation, toConstraintError } from './constraint-errors.js';
import type { Sql } from './connection.js';
import { toParticipant, type ParticipantRow } from './rows.js';

type ParticipantMethods = Pick<
  Store,
  | 'addParticipant'
  | 'getParticipant'
  | 'findParticipantByUser'
  | 'findParticipantByNameKey'
  | 'listParticipants'
  | 'countParticipants'
  | 'updateParticipant'
>;

/** Patch fields and the columns they write. updateParticipant puts no other column name into SQL. */
const PATCH_COLUMNS: Record<keyof ParticipantPatch, string> = {
  displayName: 'display_name',
  phone: 'phone',
  email: 'email',
  household: 'household',
  wishlist: 'wishlist',
  channels: 'channels',
  leftAt: 'left_at',
};

function duplicateParticipant(input: NewParticipant, cause: unknown): StoreError | undefined {
  if (isUniqueViolation(cause, 'participants.platform_user_id')) {
    return new StoreError(
      'DUPLICATE_PARTICIPANT',
      `User ${input.platformUserId} is already a participant of exchange ${input.exchangeId}.`,
      'platformUserId',
      { cause },
    );
  }
  if (isUniqueViolation(cause, 'participants.name_key')) {
    return new StoreError(
      'DUPLICATE_PARTICIPANT',
      `Exchange ${input.exchangeId} already has a participant named "${input.displayName}"; ` +
        'names must differ after trimming and ignoring case.',
      'nameKey',
      { cause },
    );
  }
  return undefined;
}

/** Builds the participant methods of the SQLite store over a statement cache. */
export function participantMethods(sql: Sql): ParticipantMethods {
  const getParticipant = (id: number): Participant | null => {
    const row = sql.prepare('SELECT * FROM participants WHERE id = ?').get(id) as ParticipantRow | undefined;
    return row === undefined ? null : toParticipant(row);
  };

  return {
    addParticipant(input, now) {
      const insert = sql.prepare(
        `INSERT INTO participants (exchange_id, platform_user_id, display_name, name_key, phone, email,
           household, wishlist, channels, joined_at, left_at)
         VALUES (@exchangeId, @platformUserId, @displayName, @nameKey, @phone, @email,
           @household, @wishlist, @channels, @now, NULL)
         RETURNING *`,
      );
      try {
        const row = insert.get({
          exchangeId: input.exchangeId,
          platformUserId: input.platformUserId,
          displayName: input.displayName,
          nameKey: input.nameKey,
          phone: input.phone,
          email: input.email,
          household: input.household,
          wishlist: input.wishlist,
          channels: input.channels === null ? null : JSON.stringify(input.channels),
          now,
        }) as ParticipantRow;
        return toParticipant(row);
      } catch (error) {
        throw (
          duplicateParticipant(input, error) ??
          toConstraintError(error, `add participant "${input.displayName}" to exchange ${input.exchangeId}`)
        );
      }
    },

    getParticipant,

    findParticipantByUser(exchangeId, platformUserId) {
      const row = sql
        .prepare('SELECT * FROM participants WHERE exchange_id = ? AND platform_user_id = ?')
        .get(exchangeId, platformUserId) as ParticipantRow | undefined;
      return row === undefined ? null : toParticipant(row);
    },

    findParticipantByNameKey(exchangeId, nameKey) {
      const row = sql
        .prepare('SELECT * FROM participants WHERE exchange_id = ? AND name_key = ?')
        .get(exchangeId, nameKey) as ParticipantRow | undefined;
      return row === undefined ? null : toParticipant(row);
    },

    listParticipants(exchangeId, options = {}) {
      const rows = sql
        .prepare(
          `SELECT * FROM participants WHERE exchange_id = @exchangeId AND (@includeLeft OR left_at IS NULL)
           ORDER BY joined_at, id`,
        )
        .all({ exchangeId, includeLeft: options.includeLeft === true ? 1 : 0 }) as ParticipantRow[];
      return rows.map(toParticipant);
    },

    countParticipants(exchangeId) {
      const row = sql
        .prepare('SELECT COUNT(*) AS count FROM participants WHERE exchange_id = ? AND left_at IS NULL')
        .get(exchangeId) as { count: number };
      return row.count;
    },

    updateParticipant(id, patch) {
      const fields = (Object.keys(PATCH_COLUMNS) as (keyof ParticipantPatch)[]).filter(
        (field) => patch[field] !== undefined,
      );

      if (fields.length > 0) {
        const assignments = fields.map((field) => `${PATCH_COLUMNS[field]} = @${field}`).join(', ');
        const values: Record<string, unknown> = { id };
        for (const field of fields) {
          const value = patch[field];
          values[field] = field === 'channels' && value !== null ? JSON.stringify(value) : value;
        }
        try {
          sql.prepare(`UPDATE participants SET ${assignments} WHERE id = @id`).run(values);
        } catch (error) {
          throw toConstraintError(error, `update participant ${id}`);
        }
      }

      const participant = getParticipant(id);
      if (participant === null) {
        throw new StoreError('PARTICIPANT_NOT_FOUND', `Participant ${id} not found.`, id);
      }
      return participant;
    },
  };
}
