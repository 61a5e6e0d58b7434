package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkpointVersion is bumped when the layout of a checkpoint changes, so that an old file is refused instead
// of misread.
const checkpointVersion = 2

// checkpointFile is a checkpoint on disk: its content and the SHA-256 of that content in compact JSON, so that
// a file damaged or edited by hand is refused instead of trusted.
type checkpointFile struct {
	Checkpoint json.RawMessage `json:"checkpoint"`
	SHA256     string          `json:"sha256"`
}

func checksum(compact []byte) string {
	sum := sha256.Sum256(compact)
	return hex.EncodeToString(sum[:])
}

// errNoCheckpoint means there is nothing to resume from.
var errNoCheckpoint = errors.New("no checkpoint")

// saveJSON writes v to path atomically: a temporary file in the same directory, fsync, rename over path, fsync
// of the directory. A crash leaves either the old checkpoint or the new one, never half of one.
func saveJSON(path string, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(checkpointFile{Checkpoint: body, SHA256: checksum(body)}, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("writing checkpoint: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("writing checkpoint: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing checkpoint: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing checkpoint: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing checkpoint: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable. Some systems cannot fsync a directory; the rename is still atomic
// there, only its durability across a power cut is weaker, so the error is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// loadJSON reads a checkpoint written by saveJSON; errNoCheckpoint when there is none. A file that does not
// parse, has no checksum or does not match it is refused with an error that names it and is never removed
// here: it may be the only record of what a long job has done.
func loadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return errNoCheckpoint
	}
	if err != nil {
		return fmt.Errorf("reading checkpoint: %w", err)
	}
	damaged := func(why string) error {
		return fmt.Errorf("checkpoint %s is damaged (%s), so it was not used and is left as it is; "+
			"pass --restart to start over, or --checkpoint to use another file", path, why)
	}
	var file checkpointFile
	if err := json.Unmarshal(b, &file); err != nil {
		return damaged(err.Error())
	}
	if len(file.Checkpoint) == 0 || file.SHA256 == "" {
		return damaged("no content or no checksum: it may come from an older ghl")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, file.Checkpoint); err != nil {
		return damaged(err.Error())
	}
	if checksum(compact.Bytes()) != file.SHA256 {
		return damaged("its checksum does not match its content: it was changed after ghl wrote it")
	}
	if err := json.Unmarshal(compact.Bytes(), v); err != nil {
		return damaged(err.Error())
	}
	return nil
}

// removeCheckpoint deletes a finished job's checkpoint, so that the next run starts afresh.
func removeCheckpoint(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing checkpoint: %w", err)
	}
	return nil
}

// fingerprint hashes what a job was asked to do, so that a checkpoint is only resumed by the same job.
func fingerprint(parts ...any) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, p := range parts {
		_ = enc.Encode(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// truncateTail opens an output file to resume writing at offset: whatever lies past it was written after the
// last checkpoint (a partial page, or rows whose completion was never recorded) and is cut off, so that it is
// written again exactly once.
func truncateTail(path string, offset int64) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("resuming: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("resuming: %w", err)
	}
	if info.Size() < offset {
		f.Close()
		return nil, fmt.Errorf("%s has %d bytes but the checkpoint recorded %d: it was changed or cut short since; pass --restart to start over", path, info.Size(), offset)
	}
	if err := f.Truncate(offset); err != nil {
		f.Close()
		return nil, fmt.Errorf("resuming: %w", err)
	}
	if _, err := f.Seek(offset, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("resuming: %w", err)
	}
	return f, nil
}
