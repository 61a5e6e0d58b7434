package transport

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// exchange is one call's state across its attempts. go-retryablehttp runs the attempt loop; the exchange supplies
// its policy hooks, which need per-call state (the operation's kind, the wait chosen, the context).
type exchange struct {
	c        *Client
	ctx      context.Context
	req      *Request
	out      any
	attempts int // every send, refresh retries included
	tries    int // sends in the current round of the attempt loop
	seen     *http.Response
	rl       RateLimit // of the last response
	started  time.Time
	wait     time.Duration // the next backoff, chosen by checkRetry at waitFrom
	waitFrom time.Time
	bodyErr  error // a 2xx body that could not be read or decoded
	giveUp   error // why the loop stopped early (context, deadline)
	inFlight bool  // an attempt was dispatched and has had no answer yet
}

// send runs one round of attempts with token.
func (ex *exchange) send(target string, body []byte, token string) (*Response, error) {
	c, r := ex.c, ex.req
	if err := ex.waitForBudget(); err != nil {
		return nil, ex.requestError(err)
	}
	var raw any
	if body != nil {
		raw = body
	}
	rreq, err := retryablehttp.NewRequestWithContext(ex.ctx, r.Method, target, raw)
	if err != nil {
		return nil, ex.requestError(err)
	}
	h := rreq.Header
	h.Set("Authorization", "Bearer "+token)
	h.Set("Version", c.versionFor(r))
	h.Set("Accept", "application/json")
	h.Set("User-Agent", c.sh.userAgent)
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	rreq.SetResponseHandler(ex.handleResponse)
	ex.bodyErr, ex.giveUp = nil, nil
	rc := &retryablehttp.Client{
		HTTPClient:   c.sh.hc,
		RetryMax:     c.sh.retry.MaxAttempts - 1,
		CheckRetry:   ex.checkRetry,
		Backoff:      ex.backoff,
		PrepareRetry: ex.prepareRetry,
		ErrorHandler: ex.errorHandler,
	}
	ex.started = c.sh.clock.Now()
	ex.attempts++
	ex.tries = 1
	ex.inFlight = true
	resp, err := rc.Do(rreq)
	if err != nil {
		return nil, ex.requestError(err)
	}
	return ex.finish(resp)
}

// finish turns the last response into the call's result.
func (ex *exchange) finish(resp *http.Response) (*Response, error) {
	defer resp.Body.Close()
	rl := ex.rl
	out := &Response{StatusCode: resp.StatusCode, Header: resp.Header, RateLimit: rl, Attempts: ex.attempts}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if ex.bodyErr != nil {
			return out, ex.requestError(ex.bodyErr)
		}
		return out, nil
	}
	limit := min(ex.c.sh.maxBody, maxErrorBodyBytes)
	var data []byte
	if buf, err := readCapped(resp.Body, limit, resp.ContentLength); err == nil {
		data = append([]byte(nil), buf.Bytes()...)
		releaseBuffer(buf)
	}
	apiErr := newError(ex.req.Method, ex.req.Path, ex.req.Kind, resp, data, rl)
	apiErr.Attempts = ex.attempts
	ex.c.logDebug(ex.ctx, "ghl: request failed", "method", ex.req.Method, "path", ex.req.Path,
		"status", resp.StatusCode, "attempts", ex.attempts, "error", apiErr.Message())
	return out, apiErr
}

// requestError wraps a failure that has no HTTP answer, keeping the URL (and its query) out of the message.
func (ex *exchange) requestError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var apiErr *Error
	if errors.As(err, &apiErr) || errors.Is(err, ErrInvalidArgument) {
		return err
	}
	var tooLarge *TooLargeError
	var decodeErr *DecodeError
	if errors.As(err, &tooLarge) || errors.As(err, &decodeErr) {
		return err
	}
	var be *bodyError
	return &RequestError{
		Method:   ex.req.Method,
		Path:     ex.req.Path,
		Attempts: ex.attempts,
		Err:      err,
		// A create is in doubt when its last attempt went out and no answer came back (a reset, a timeout, the
		// context ending), or when the answer's body broke off: the record may exist either way.
		MayHaveReachedServer: ex.req.Kind == Create && !isLocal(err) && (ex.inFlight || errors.As(err, &be)),
	}
}

// isLocal reports failures that happened on this side before sending.
func isLocal(err error) bool {
	var lde *limiterDeadlineError
	return errors.As(err, &lde)
}

// handleResponse reads and decodes a 2xx body while the attempt loop can still retry a read that broke off.
func (ex *exchange) handleResponse(resp *http.Response) error {
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return nil
	}
	buf, err := readCapped(resp.Body, ex.c.sh.maxBody, resp.ContentLength)
	resp.Body.Close()
	if err != nil {
		ex.bodyErr = err
		return err
	}
	defer releaseBuffer(buf)
	typeErr, err := decodeInto(buf.Bytes(), ex.out)
	if err != nil {
		ex.bodyErr = &DecodeError{Method: ex.req.Method, Path: ex.req.Path, Err: err}
		return nil // a complete body that is not JSON will not improve on a retry
	}
	if typeErr != nil {
		ex.c.logWarn(ex.ctx, "ghl: a field of the response had an unexpected type; it was skipped",
			"method", ex.req.Method, "path", ex.req.Path, "error", typeErr.Error())
	}
	ex.bodyErr = nil
	return nil
}

// checkRetry is the attempt loop's policy: it logs the attempt, feeds the limiter and decides. The loop asks a
// second time about a response it was told not to retry, after the response handler ran; that second question
// only matters when the handler found the body broken.
func (ex *exchange) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err == nil && resp != nil && resp == ex.seen {
		return false, nil
	}
	if resp != nil || neverSent(err) {
		ex.inFlight = false
	}
	sh := ex.c.sh
	now := sh.clock.Now()
	var rl RateLimit
	status := 0
	if resp != nil {
		status = resp.StatusCode
		rl = parseRateLimit(resp.Header, now)
		ex.rl = rl
		if resp != ex.seen {
			ex.c.limiter.observe(rl)
			ex.seen = resp
		}
	}
	if ctx.Err() != nil {
		ex.giveUp = ctx.Err()
		ex.logAttempt(now, status, err, 0, "context done")
		return false, ctx.Err()
	}
	var v verdict
	if err != nil {
		v = classifyError(ex.req.Kind, err)
	} else {
		v = classifyStatus(ex.req.Kind, status, rl)
	}
	if !v.retry {
		ex.logAttempt(now, status, err, 0, v.reason)
		return false, err
	}
	if ex.tries >= sh.retry.MaxAttempts {
		ex.logAttempt(now, status, err, 0, v.reason+"; no attempts left")
		return true, nil // the loop stops by itself and hands the last answer to errorHandler
	}
	ex.wait, ex.waitFrom = sh.backoff(ex.tries-1, resp, rl, now), now
	if status == http.StatusTooManyRequests {
		// Hold the whole location, not only this call, so that its other requests do not meet the same 429.
		ex.c.limiter.hold(now.Add(ex.wait))
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(ex.wait).After(deadline) {
		ex.logAttempt(now, status, err, ex.wait, v.reason+"; the wait would pass the context deadline")
		return false, err
	}
	ex.logAttempt(now, status, err, ex.wait, v.reason)
	return true, nil
}

// backoff performs the wait on the client's clock (so tests can simulate it) and leaves none to the loop.
func (ex *exchange) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	if err := ex.c.sh.clock.SleepUntil(ex.ctx, ex.waitFrom.Add(ex.wait)); err != nil {
		ex.giveUp = err
	}
	return 0
}

// prepareRetry runs before every retry: stop if the context ended, otherwise wait for the location's budget.
func (ex *exchange) prepareRetry(*http.Request) error {
	if ex.giveUp != nil {
		return ex.giveUp
	}
	if err := ex.ctx.Err(); err != nil {
		return err
	}
	if err := ex.waitForBudget(); err != nil {
		return err
	}
	ex.attempts++
	ex.tries++
	ex.inFlight = true
	ex.started = ex.c.sh.clock.Now()
	return nil
}

func (ex *exchange) waitForBudget() error {
	waited, err := ex.c.limiter.wait(ex.ctx)
	if waited > 0 {
		ex.c.logDebug(ex.ctx, "ghl: waited for rate limit", "method", ex.req.Method, "path", ex.req.Path, "wait", waited)
	}
	return err
}

// errorHandler receives the loop's last answer when it did not end in success: an exhausted retry budget hands
// over the last response, which becomes a typed error; a failure without a response stays an error.
func (ex *exchange) errorHandler(resp *http.Response, err error, _ int) (*http.Response, error) {
	if resp != nil && (err == nil || errors.Is(err, ex.bodyErr)) && ex.giveUp == nil {
		return resp, nil
	}
	if resp != nil {
		resp.Body.Close()
	}
	if err == nil {
		err = errors.New("gave up")
	}
	return nil, err
}

func (ex *exchange) logAttempt(now time.Time, status int, err error, wait time.Duration, reason string) {
	if ex.c.sh.log == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", ex.req.Method),
		slog.String("path", ex.req.Path),
		slog.Int("attempt", ex.attempts),
		slog.Duration("duration", now.Sub(ex.started)),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", ex.requestError(err).Error()))
	}
	if wait > 0 {
		attrs = append(attrs, slog.Duration("retry_in", wait))
	}
	if reason != "" {
		attrs = append(attrs, slog.String("reason", reason))
	}
	ex.c.sh.log.LogAttrs(ex.ctx, slog.LevelDebug, "ghl: request", attrs...)
}

// versionFor picks the Version header: the client-wide override, else the operation's own, else the default.
func (c *Client) versionFor(r *Request) string {
	switch {
	case c.sh.version != "":
		return c.sh.version
	case r.Version != "":
		return r.Version
	}
	return DefaultAPIVersion
}

func (c *Client) logDebug(ctx context.Context, msg string, args ...any) {
	if c.sh.log != nil {
		c.sh.log.DebugContext(ctx, msg, args...)
	}
}

func (c *Client) logWarn(ctx context.Context, msg string, args ...any) {
	if c.sh.log != nil {
		c.sh.log.WarnContext(ctx, msg, args...)
	}
}
