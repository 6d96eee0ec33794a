-- Each order version names the Public Suffix List its scope was decided with, so that a decision can be
-- reproduced later with the list it used. Versions recorded before this column existed used the list
-- bundled until then (Debian's copy of 2023-02-09): that is the default, in one statement (an instant
-- change on MariaDB 10.3+ and MySQL 8; replicas still on the previous release keep inserting).
ALTER TABLE order_version
    ADD COLUMN public_suffix_list_version VARCHAR(100) NOT NULL
        DEFAULT '2023-02-09T23:26Z (Debian publicsuffix 20230209.2326-1)';
