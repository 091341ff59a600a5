-- A booked place is reminded once: the reminder job claims a booking by setting reminded_at where it
-- was empty, so two runs at once (or a run repeated) never remind one place twice.
ALTER TABLE course_bookings ADD COLUMN reminded_at timestamptz;--> statement-breakpoint
CREATE INDEX course_bookings_to_remind_idx ON course_bookings (session_id) WHERE status = 'booked' AND reminded_at IS NULL;
