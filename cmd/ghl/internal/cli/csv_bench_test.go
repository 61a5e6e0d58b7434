package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"testing"
)

// leadsCSV is an import file of n rows, one in 20 with a quoted field and one in 100 with a field over two lines.
func leadsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("firstName,lastName,email,phone,tags,address1\n")
	for i := range n {
		switch {
		case i%100 == 0:
			fmt.Fprintf(&b, "Ada%d,Lovelace,ada%d@example.com,+1555%07d,vip,\"12 Main St\nApt %d\"\n", i, i, i, i)
		case i%20 == 0:
			fmt.Fprintf(&b, "Ada%d,\"Lovelace, Countess\",ada%d@example.com,+1555%07d,\"vip,math\",12 Main St\n", i, i, i)
		default:
			fmt.Fprintf(&b, "Ada%d,Lovelace,ada%d@example.com,+1555%07d,lead,12 Main St\n", i, i, i)
		}
	}
	return b.Bytes()
}

// BenchmarkCSVSource reads 10,000 rows through the import's reader; BenchmarkCSVSourceBaseline reads them
// with encoding/csv alone, which keeps no raw text and cannot tell a stray quote's line from the rest.
func BenchmarkCSVSource(b *testing.B) {
	data := leadsCSV(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := newCSVSource(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for {
			row, err := s.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil || row.problem != "" {
				b.Fatal(err, row.problem)
			}
		}
	}
}

func BenchmarkCSVSourceBaseline(b *testing.B) {
	data := leadsCSV(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		for {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			_, _ = r.FieldPos(0)
		}
	}
}
