-- The first schema of santa. Timestamps are milliseconds since the Unix epoch; JSON columns hold arrays.
-- Tables are STRICT so that a value of the wrong type is rejected instead of stored.

CREATE TABLE exchanges (
  id                INTEGER PRIMARY KEY,
  name              TEXT    NOT NULL,
  -- The name as compared by findExchangeByName: trimmed, NFC and case-folded.
  name_key          TEXT    NOT NULL,
  platform          TEXT    NOT NULL CONSTRAINT exchange_platform_valid CHECK (platform IN ('slack', 'discord', 'cli')),
  group_key         TEXT    NOT NULL,
  channel_id        TEXT,
  organiser_id      TEXT    NOT NULL,
  budget            TEXT,
  exchange_date     TEXT CONSTRAINT exchange_date_valid
                    CHECK (exchange_date IS NULL OR exchange_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  no_reciprocal     INTEGER NOT NULL CONSTRAINT exchange_no_reciprocal_valid CHECK (no_reciprocal IN (0, 1)),
  single_loop       INTEGER NOT NULL CONSTRAINT exchange_single_loop_valid CHECK (single_loop IN (0, 1)),
  avoid_past        INTEGER NOT NULL CONSTRAINT exchange_avoid_past_valid CHECK (avoid_past >= 0),
  status            TEXT    NOT NULL CONSTRAINT exchange_status_valid
                    CHECK (status IN ('open', 'drawn', 'closed', 'cancelled')),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;

-- A Slack or Discord channel runs at most one exchange that is still open or being delivered.
CREATE UNIQUE INDEX exchanges_one_active_per_channel
  ON exchanges (platform, group_key, channel_id)
  WHERE status IN ('open', 'drawn') AND channel_id IS NOT NULL;

CREATE INDEX exchanges_by_name ON exchanges (platform, name_key, created_at);

CREATE TABLE participants (
  id                INTEGER PRIMARY KEY,
  exchange_id       INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  platform_user_id  TEXT,
  display_name      TEXT    NOT NULL,
  name_key          TEXT    NOT NULL,
  phone             TEXT,
  email             TEXT,
  household         TEXT,
  wishlist          TEXT,
  -- A JSON array of channel kinds, or NULL for the default order.
  channels          TEXT CONSTRAINT participant_channels_valid
                    CHECK (channels IS NULL OR (json_valid(channels) AND json_type(channels) = 'array')),
  joined_at         INTEGER NOT NULL,
  left_at           INTEGER,
  -- Lets exclusions refer to (exchange, participant) so that both people belong to the same exchange.
  UNIQUE (exchange_id, id)
) STRICT;

-- NULL user ids (people imported from a CSV file) are distinct from each other, as SQL defines.
CREATE UNIQUE INDEX participants_unique_user ON participants (exchange_id, platform_user_id);
CREATE UNIQUE INDEX participants_unique_name ON participants (exchange_id, name_key);

CREATE TABLE exclusions (
  exchange_id       INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  giver_id          INTEGER NOT NULL,
  recipient_id      INTEGER NOT NULL,
  PRIMARY KEY (exchange_id, giver_id, recipient_id),
  FOREIGN KEY (exchange_id, giver_id) REFERENCES participants (exchange_id, id) ON DELETE CASCADE,
  FOREIGN KEY (exchange_id, recipient_id) REFERENCES participants (exchange_id, id) ON DELETE CASCADE,
  CONSTRAINT exclusion_not_self CHECK (giver_id <> recipient_id)
) STRICT;

CREATE TABLE draws (
  id                INTEGER PRIMARY KEY,
  exchange_id       INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  method            TEXT    NOT NULL CONSTRAINT draw_method_valid CHECK (method IN ('uniform', 'approximate')),
  -- A JSON array of labels of past exchanges whose pairings were allowed again.
  relaxed_history   TEXT    NOT NULL CONSTRAINT draw_relaxed_history_valid
                    CHECK (json_valid(relaxed_history) AND json_type(relaxed_history) = 'array'),
  created_at        INTEGER NOT NULL
) STRICT;

CREATE INDEX draws_by_exchange ON draws (exchange_id, created_at);

CREATE TABLE assignments (
  draw_id           INTEGER NOT NULL REFERENCES draws (id) ON DELETE CASCADE,
  giver_id          INTEGER NOT NULL REFERENCES participants (id),
  recipient_id      INTEGER NOT NULL REFERENCES participants (id),
  PRIMARY KEY (draw_id, giver_id),
  CONSTRAINT assignment_not_self CHECK (giver_id <> recipient_id)
) STRICT;

CREATE UNIQUE INDEX assignments_unique_recipient ON assignments (draw_id, recipient_id);

-- Pairs of earlier draws, matched across exchanges by key: the platform user id when there is one,
-- else 'name:' followed by the participant's name key.
CREATE TABLE pair_history (
  id                INTEGER PRIMARY KEY,
  group_key         TEXT    NOT NULL,
  exchange_id       INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  draw_id           INTEGER NOT NULL REFERENCES draws (id) ON DELETE CASCADE,
  giver_key         TEXT    NOT NULL,
  recipient_key     TEXT    NOT NULL
) STRICT;

CREATE INDEX pair_history_by_group ON pair_history (group_key, draw_id);

CREATE TABLE deliveries (
  id                  INTEGER PRIMARY KEY,
  draw_id             INTEGER NOT NULL REFERENCES draws (id) ON DELETE CASCADE,
  participant_id      INTEGER NOT NULL REFERENCES participants (id),
  purpose             TEXT    NOT NULL CONSTRAINT delivery_purpose_valid CHECK (purpose IN ('reveal', 'unreachable')),
  channel             TEXT    NOT NULL CONSTRAINT delivery_channel_valid
                      CHECK (channel IN ('slack', 'discord', 'sms', 'email', 'file')),
  -- A JSON array of the channel kinds still to try after this one fails for good.
  fallback            TEXT    NOT NULL CONSTRAINT delivery_fallback_valid
                      CHECK (json_valid(fallback) AND json_type(fallback) = 'array'),
  status              TEXT    NOT NULL CONSTRAINT delivery_status_valid
                      CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts            INTEGER NOT NULL DEFAULT 0 CONSTRAINT delivery_attempts_valid CHECK (attempts >= 0),
  next_attempt_at     INTEGER NOT NULL,
  last_error_code     TEXT,
  provider_message_id TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
) STRICT;

-- The worker claims due deliveries in (next_attempt_at, id) order; only pending rows are indexed.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_sending ON deliveries (id) WHERE status = 'sending';
CREATE INDEX deliveries_by_draw ON deliveries (draw_id, id);
