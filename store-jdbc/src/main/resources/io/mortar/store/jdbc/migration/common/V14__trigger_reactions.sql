-- Mortar schema, version 14: conditional triggers' reactions to run ends (issue 14).

-- One row per run end a conditional trigger outside any workflow reacted to, claimed before its actions start:
-- the key makes each end fire the trigger once, whatever the servers and restarts.
CREATE TABLE trigger_reactions (
  trigger_name ${bytewise_text} NOT NULL,
  cause ${bytewise_text} NOT NULL,
  claimed_at BIGINT NOT NULL,
  PRIMARY KEY (trigger_name, cause)
);
