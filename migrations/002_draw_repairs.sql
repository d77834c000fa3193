-- A draw may replace an earlier draw of the same exchange, when a participant left after the draw and
-- the draw was repaired around the gap instead of redrawn. The first draw of an exchange has neither.

ALTER TABLE draws ADD COLUMN replaces_draw_id INTEGER REFERENCES draws (id);

-- Why the draw replaced the earlier one; set exactly when replaces_draw_id is.
ALTER TABLE draws ADD COLUMN reason TEXT CONSTRAINT draw_reason_valid
  CHECK ((reason IS NULL) = (replaces_draw_id IS NULL) AND (reason IS NULL OR reason IN ('leave')));

CREATE INDEX draws_by_replaced ON draws (replaces_draw_id) WHERE replaces_draw_id IS NOT NULL;
