package wire

import (
	"sync/atomic"
	"time"
)

// ParseCommon reads the shapes HighLevel writes almost every date in, without allocating: a bare date
// ("2006-01-02", read as UTC midnight and zoneless), and ISO 8601 with seconds, an optional fraction of up to
// nine digits and "Z" or a "±hh:mm" offset ("2006-01-02T15:04:05.000Z", "2023-09-25T16:00:00+05:30"). A
// 100,000-contact export reads hundreds of thousands of them; going through time.Parse's layouts one by one
// costs an error allocation per layout that does not fit. ok is false for anything else, including dates
// that do not exist, and the caller falls back to ParseTime: where ParseCommon says ok, ParseTime gives the
// same instant and the same zoneless.
func ParseCommon[T string | []byte](s T) (t time.Time, zoneless bool, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) {
		return time.Time{}, false, false
	}
	if len(s) == 10 {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), true, true
	}
	if len(s) < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false, false
	}
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !ok4 || !ok5 || !ok6 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false, false
	}
	rest := s[19:]
	nsec := 0
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false, false
		}
		frac, _ := digits(rest[1:n])
		for range 10 - n {
			frac *= 10
		}
		nsec, rest = frac, rest[n:]
	}
	var loc *time.Location
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
		loc = time.UTC
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, okh := digits(rest[1:3])
		om, okm := digits(rest[4:6])
		if !okh || !okm || oh > 23 || om > 59 {
			return time.Time{}, false, false
		}
		off := oh*60 + om
		if rest[0] == '-' {
			off = -off
		}
		loc = fixedZone(off)
	default:
		return time.Time{}, false, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), false, true
}

// digits reads a run of ASCII digits; ok is false if anything else is in it.
func digits[T string | []byte](s T) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m time.Month, year int) int {
	if m == time.February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31 - int(m-1)%7%2
}

// zones caches one fixed zone per offset in minutes (±23:59), so that reading an offset does not allocate a
// location each time. They are unnamed, as time.Parse names the zones it makes up.
var zones [2*24*60 + 1]atomic.Pointer[time.Location]

func fixedZone(minutes int) *time.Location {
	if minutes == 0 {
		return time.UTC
	}
	z := &zones[minutes+24*60]
	if loc := z.Load(); loc != nil {
		return loc
	}
	loc := time.FixedZone("", minutes*60)
	z.Store(loc)
	return loc
}
