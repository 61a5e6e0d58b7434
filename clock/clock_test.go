package clock

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeWakesConcurrentSleepersAtTheTimeTheyAskedFor(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := NewFake(start)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, f.SleepUntil(context.Background(), start.Add(time.Second)))
		}()
	}
	wg.Wait()
	assert.Equal(t, start.Add(time.Second), f.Now(), "ten sleepers until one instant take one second, not ten")
	waited, sleeps := f.Waited()
	assert.Equal(t, time.Second, waited)
	assert.Equal(t, 1, sleeps)

	require.NoError(t, f.SleepUntil(context.Background(), start), "the past is no wait")
	assert.Equal(t, start.Add(time.Second), f.Now(), "never backwards")
}

func TestSleepsHonourTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := NewFake(time.Unix(0, 0))
	assert.ErrorIs(t, f.Sleep(ctx, time.Hour), context.Canceled)
	assert.Equal(t, time.Unix(0, 0), f.Now())
	assert.ErrorIs(t, Real{}.SleepUntil(ctx, time.Now().Add(time.Hour)), context.Canceled)
}
