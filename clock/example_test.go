package clock_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/clock"
)

// A Fake clock never blocks: a sleep moves it to the sleeper's wake-up time at once, so a test can run a
// 10-second rate-limit wait in no time, and Waited tells how much simulated time the sleeps took.
func ExampleFake() {
	clk := clock.NewFake(time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC))
	_ = clk.Sleep(context.Background(), 10*time.Second)
	clk.Advance(time.Second)
	waited, sleeps := clk.Waited()
	fmt.Println(clk.Now().Format(time.TimeOnly), waited, sleeps)
	// Output: 09:00:11 10s 1
}
