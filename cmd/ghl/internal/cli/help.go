package cli

const mainHelp = `ghl moves HighLevel contacts in bulk: export them to a file, import them from a CSV.

Usage:
  ghl export --out FILE [--format jsonl|csv] [--query TEXT] [--filter FIELD=VALUE ...] [--parallel N]
  ghl import --in FILE.csv [--map COLUMN=FIELD ...] [--tag TAG ...]
  ghl help [export|import]
  ghl version

Credentials (one of):
  GHL_TOKEN=pit-...        a Private Integration Token (Settings > Private Integrations in HighLevel),
                           with GHL_LOCATION_ID=... (or --location) naming the sub-account
  --token-file FILE        a token saved by an OAuth app's file store (github.com/ghlkit/ghl/auth);
                           also $GHL_TOKEN_FILE. Set GHL_CLIENT_ID and GHL_CLIENT_SECRET too, and ghl
                           refreshes the token when it expires.

Both commands stay under HighLevel's rate limit (100 requests per 10 seconds per location) while using
nearly all of it, save a checkpoint as they go, and stop cleanly on Ctrl-C: run the same command again
and it resumes where it stopped, without writing or sending anything twice.

Examples:
  export GHL_TOKEN=pit-... GHL_LOCATION_ID=ve9EPM428h8vShlRW1KT
  ghl export --out contacts.jsonl
  ghl export --format csv --out vips.csv --filter tags=vip
  ghl import --in leads.csv --map "E-mail Address=email" --tag imported-2024

Run 'ghl help export' or 'ghl help import' for the details of each command.
`

const exportHelp = `Usage: ghl export --out FILE [flags]

Writes every contact of the location that matches the search to FILE, one page of up to 500 contacts
per request, in constant memory however many there are (searches past HighLevel's 10,000-record page
limit follow its searchAfter cursor).

A progress line on stderr shows the count, the rate and the time left. After each page, FILE is synced
and a checkpoint (FILE.checkpoint) records the cursor, the count and FILE's length. If the export stops
(Ctrl-C, an error, a crash), run the same command again: it cuts FILE back to the checkpoint and carries
on, so every contact is in FILE exactly once. The checkpoint is removed when the export finishes.

One cursor chain sends one request at a time, so a HighLevel that takes more than about 100 ms per
search leaves part of the rate limit unused. --parallel N reads the search with N chains at once over
disjoint ranges of dateAdded, shared out as the export runs, through the same limiter: with 150 ms per
search, 8 chains use over 90% of the 100 requests per 10 s, of which one chain uses about two thirds.
Each contact is still written exactly once, but in no promised order across chains (oldest first
within each). Its one checkpoint, saved after about every --page-size contacts, holds where every chain
stands and resumes them all, also with another N; a checkpoint of an export with --parallel is not
resumed without it, nor the other way round.

Flags:
  --out FILE           where to write (required); "-" writes to stdout, without a checkpoint
  --format jsonl|csv   jsonl: one contact per line, as HighLevel sends it (every field, custom fields
                       included); csv: a header and one row per contact, with the columns
                       ` + exportColumnList + `
                       (tags comma-separated, customFields as JSON). Default: csv if FILE ends in
                       .csv, else jsonl. The csv can be imported again with 'ghl import'.
  --query TEXT         free text to match (HighLevel's search, at most 75 characters)
  --filter F=V         only contacts whose field F equals V, e.g. tags=vip, email=ada@example.com,
                       country=US; F!=V excludes. Repeat to combine (all must hold).
  --page-size N        contacts per request, 1 to 500 (default 500: the fewest requests)
  --checkpoint FILE    checkpoint file (default: FILE.checkpoint beside --out)
  --restart            ignore an existing checkpoint and start from the first contact
  --parallel N         cursor chains at once, 1 to 32 (default 1: one chain, in HighLevel's order)
  --location ID        location (sub-account) ID (default $GHL_LOCATION_ID)
  --token-file FILE    OAuth token file (see 'ghl help'); default $GHL_TOKEN_FILE when GHL_TOKEN is unset
  --base-url URL       API base URL (default $GHL_BASE_URL, else https://services.leadconnectorhq.com)
  --quiet              no progress line

Exit status: 0 done, 1 error (resumable), 2 bad usage, 130 interrupted (resumable).

Examples:
  ghl export --out contacts.jsonl
  ghl export --out customers.csv --filter tags=customer --filter country=US
  ghl export --out contacts.jsonl --parallel 8
`

const importHelp = `Usage: ghl import --in FILE.csv [flags]

Creates or updates one contact per CSV row with HighLevel's upsert, which finds an existing contact by
email, then by phone (the location's duplicate rule), so every row needs an email or a phone.

The first row is the header. Columns are matched to contact fields by name, ignoring case, spaces, dashes
and underscores: firstName, lastName, name, email, phone, companyName, gender, address1, city, state,
postalCode, country, website, timezone, source, assignedTo, dateOfBirth, dnd, tags (comma-separated),
customFields (JSON, as 'ghl export' writes it) and customField.ID (the value of the custom field ID).
Common spellings work too ("First Name", "E-mail", "Zip", "Company", "Mobile"). The columns id,
dateAdded, dateUpdated, type and locationId that 'ghl export' writes are skipped. Any other column is an
error until you map it with --map, so that no data is dropped by accident.

Rows that cannot be sent (a bad email, neither email nor phone, the wrong number of columns, text that
is not UTF-8, a stray quote) and rows HighLevel refuses go to the rejects file with their line number,
the reason and their raw text, beside the row as read: fix them there and import that file again (its
line, reason and raw columns are skipped). Every line but blank ones ends up created, updated or
rejected, and the summary counts each. A quote that never closes, or that joins lines which are not one
well-formed row, costs only the line it opens on: the lines after it are read as rows of their own. A
well-formed row whose quoted field runs over several lines is imported, and the summary names its lines.

Rows are sent several at a time (--concurrency), as fast as the location's rate limit allows. A checkpoint
(FILE.csv.checkpoint) records the rows done; after Ctrl-C, an error or a crash, run the same command again
and it skips them. A checkpoint carries a checksum and the input's size and SHA-256: one that was edited,
cut short, does not add up or belongs to another input is refused and left as it is (--restart starts
over). On Ctrl-C the rows already sent are waited for, so none is sent twice. After a crash
the few rows that were in flight are sent again, which is safe: upsert matches the contact the first send
made and updates it with the same values.

Flags:
  --in FILE            the CSV file (required), UTF-8, with or without a byte order mark
  --map COLUMN=FIELD   read COLUMN into FIELD: one of the fields above, or a custom field by its name
                       ("Company Size") or field key ("contact.company_size", or "company_size"), in any
                       case; COLUMN=- skips the column. Repeat for more columns. Custom field names and
                       keys are looked up once at the start; one that matches no field, or a name that
                       several fields share (use the key or customField.ID then), stops the import
                       before any row is sent.
  --tag TAG            add TAG to every contact, beside the row's own tags. Repeatable.
  --rejects FILE       where rejected rows go (default: FILE.rejects.csv beside --in)
  --concurrency N      rows in flight at once (default 8; the rate limit sets the pace)
  --checkpoint FILE    checkpoint file (default: FILE.csv.checkpoint beside --in)
  --restart            ignore an existing checkpoint and import every row again
  --location ID        location (sub-account) ID (default $GHL_LOCATION_ID)
  --token-file FILE    OAuth token file (see 'ghl help'); default $GHL_TOKEN_FILE when GHL_TOKEN is unset
  --base-url URL       API base URL (default $GHL_BASE_URL, else https://services.leadconnectorhq.com)
  --quiet              no progress line

Exit status: 0 every row imported, 3 done but some rows rejected, 1 error (resumable), 2 bad usage,
130 interrupted (resumable).

Examples:
  ghl import --in leads.csv --tag webinar-2024
  ghl import --in export.csv --map "E-mail Address=email" --map Notes=-
  ghl import --in leads.csv --map "Employees=Company Size" --map "Sector=contact.industry"
`
