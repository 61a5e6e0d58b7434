package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"
)

// row is one appointment of the other calendar.
type row struct {
	line                     int
	externalID, email, title string
	start, end               time.Time
}

var header = []string{"external_id", "email", "start", "end", "title"}

// readRows reads the whole CSV and checks every row, so that a bad row stops the run before anything is
// written. Times are RFC 3339; one without an offset ("2026-03-10T10:00:00" or "2026-03-10 10:00") is read in
// zone.
func readRows(r io.Reader, zone *time.Location) ([]row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	cr.TrimLeadingSpace = true
	first, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	for i, h := range header {
		if !strings.EqualFold(strings.TrimSpace(first[i]), h) {
			return nil, fmt.Errorf("the header must be %s", strings.Join(header, ","))
		}
	}
	var rows []row
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		r, err := parseRow(rec, zone)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if prev, dup := seen[r.externalID]; dup {
			return nil, fmt.Errorf("line %d: external ID %s is on line %d too", line, r.externalID, prev)
		}
		seen[r.externalID] = line
		r.line = line
		rows = append(rows, r)
	}
}

func parseRow(rec []string, zone *time.Location) (row, error) {
	r := row{externalID: strings.TrimSpace(rec[0]), email: strings.TrimSpace(rec[1]), title: strings.TrimSpace(rec[4])}
	if r.externalID == "" {
		return row{}, errors.New("external_id is empty")
	}
	if strings.ContainsAny(r.externalID, "\r\n") {
		return row{}, errors.New("external_id must be one line")
	}
	if _, err := mail.ParseAddress(r.email); err != nil || r.email == "" {
		return row{}, fmt.Errorf("email %q is not an email address", r.email)
	}
	var err error
	if r.start, err = parseTime(rec[2], zone); err != nil {
		return row{}, fmt.Errorf("start: %w", err)
	}
	if r.end, err = parseTime(rec[3], zone); err != nil {
		return row{}, fmt.Errorf("end: %w", err)
	}
	if !r.end.After(r.start) {
		return row{}, errors.New("end must be after start")
	}
	return r, nil
}

func parseTime(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Truncate(time.Second), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time like 2026-03-10T10:00:00-05:00", s)
}
