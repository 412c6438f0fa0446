-- A cheaper confirmation (issue 21). The search index (00007) rebuilt an agreement's
-- full-text entry on every update of its search_documents row, so the confirmation that
-- makes an agreement agreed, which changes the row's status and nothing it matches on,
-- deleted and re-inserted every term of the agreement's text. The trigger now fires only
-- when the matched terms change. And sign_offs(actor_id) is the first column of
-- idx_sign_offs_actor_decided, which serves every lookup by actor: the single-column
-- index was one more write per sign-off for nothing.

-- +goose Up
DROP TRIGGER search_documents_update;
-- +goose StatementBegin
CREATE TRIGGER search_documents_update AFTER UPDATE OF id, title_terms, key_terms, body_terms ON search_documents
WHEN old.id IS NOT new.id OR old.title_terms IS NOT new.title_terms OR old.key_terms IS NOT new.key_terms
    OR old.body_terms IS NOT new.body_terms
BEGIN
    INSERT INTO search_index(search_index, rowid, title_terms, key_terms, body_terms)
    VALUES ('delete', old.id, old.title_terms, old.key_terms, old.body_terms);
    INSERT INTO search_index(rowid, title_terms, key_terms, body_terms)
    VALUES (new.id, new.title_terms, new.key_terms, new.body_terms);
END;
-- +goose StatementEnd
DROP INDEX idx_sign_offs_actor_id;

-- +goose Down
CREATE INDEX idx_sign_offs_actor_id ON sign_offs(actor_id);
DROP TRIGGER search_documents_update;
-- +goose StatementBegin
CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_index(search_index, rowid, title_terms, key_terms, body_terms)
    VALUES ('delete', old.id, old.title_terms, old.key_terms, old.body_terms);
    INSERT INTO search_index(rowid, title_terms, key_terms, body_terms)
    VALUES (new.id, new.title_terms, new.key_terms, new.body_terms);
END;
-- +goose StatementEnd
