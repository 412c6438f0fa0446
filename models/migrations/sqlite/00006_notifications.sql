-- Notifications by email. Each user reads the portal, and its mail, in a language of
-- their own (Indonesian unless they choose English), and chooses for each kind of
-- notification whether it comes at once, in a daily digest or not at all (a row only where
-- they chose otherwise than at once).
--
-- The outbox: a message is written in the same transaction as the step that causes it,
-- and sent afterwards by a worker. event_key names the cause (the step and its object);
-- with user_id it is unique, so that a step notifies each recipient once even when it is
-- retried. params holds what the message says, as it was when the step was taken. A
-- worker claims a message by setting status to 'sending' with a lease; one whose lease
-- ran out was interrupted mid-send and is not sent again by itself (at most once).

-- +goose Up
ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'id';

CREATE TABLE notification_preferences (
    user_id integer NOT NULL,
    kind text NOT NULL,
    delivery text NOT NULL,
    PRIMARY KEY (user_id, kind),
    CONSTRAINT fk_notification_preferences_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

CREATE TABLE outbox_messages (
    id integer PRIMARY KEY AUTOINCREMENT,
    event_key text NOT NULL,
    kind text NOT NULL,
    user_id integer NOT NULL,
    email text NOT NULL,
    name text NOT NULL DEFAULT '',
    language text NOT NULL DEFAULT 'id',
    params text NOT NULL DEFAULT '{}',
    digest numeric NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'queued',
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at datetime NOT NULL,
    lease_owner text NOT NULL DEFAULT '',
    lease_until datetime,
    last_error text NOT NULL DEFAULT '',
    digest_id integer,
    created_at datetime NOT NULL,
    sent_at datetime,
    CONSTRAINT fk_outbox_messages_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX idx_outbox_messages_event_user ON outbox_messages(event_key, user_id);
CREATE INDEX idx_outbox_messages_due ON outbox_messages(status, next_attempt_at);
CREATE INDEX idx_outbox_messages_user ON outbox_messages(user_id, status);

-- +goose Down
DROP TABLE outbox_messages;
DROP TABLE notification_preferences;
ALTER TABLE users DROP COLUMN language;
