package transport

// The attempt loop of one call. This file reads in the order a call happens:
//
//	Do            encode; wait for the location's budget; attach headers and token; hand over to the engine
//	checkRetry    classify each answer (status, headers, error body, or the body's fate) and decide, once
//	readBody      the engine's response handler: read and decode a 2xx body (one cut short is retried like a 502)
//	prepareRetry  wait for the retry's time and the location's budget; attach a token (refreshed after a 401)
//	result        turn the last answer into the call's result
//
// go-retryablehttp is the engine: one retryablehttp.Client per SDK client (built in New), whose hooks are plain
// functions that find the call's state in the request's context. The engine's own wait between attempts is a
// wall-clock timer; the SDK's waits run on its injected clock (so tests simulate minutes of backoff and rate
// limiting) and are one wait with the wait for the location's budget, so checkRetry chooses the wait, the
// engine's Backoff hands it zero, and prepareRetry sleeps until the chosen time on the clock while it waits for
// the budget.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/hashicorp/go-retryablehttp"
)

// call is one call's state across its attempts. It travels in the request's context.
type call struct {
	c       *Client
	req     *Request
	out     any
	policy  RetryPolicy
	maxBody int64
	trace   httptrace.ClientTrace

	token     string
	refresh   bool // the next attempt refreshes the token first
	refreshed bool // the one refresh a call may make is spent
	slot      atomic.Uint64
	attempts  int
	sentAt    time.Time
	inFlight  bool      // the current attempt went out and no answer came back
	retryAt   time.Time // the next attempt goes no earlier
	rateWait  time.Duration

	bodyRead bool           // the response handler ran for the current answer
	judged   *http.Response // the non-2xx answer checkRetry already decided about
	status   int
	header   http.Header
	rl       RateLimit
	apiErr   *Error // the last non-2xx answer
	v        verdict
}

type callKey struct{}

func callFrom(ctx context.Context) *call { return ctx.Value(callKey{}).(*call) }

// Do sends r and decodes a 2xx body into out (if non-nil), or returns a typed error. It returns r.Response,
// filled, when the caller asked for it by setting it; nil otherwise.
//
// A call sends at most its retry policy's MaxAttempts requests, the one retry after a token refresh included.
func (c *Client) Do(ctx context.Context, r *Request, out any) (*Response, error) {
	r, err := applyOptions(ctx, r)
	if err != nil {
		return nil, err
	}
	cl := &call{c: c, req: r, out: out, policy: c.sh.retry, maxBody: c.sh.maxBody}
	if r.Retry != nil {
		cl.policy = *r.Retry
		if err := normalizeRetry(&cl.policy); err != nil {
			return nil, err
		}
	}
	if r.MaxResponseBytes > 0 {
		cl.maxBody = r.MaxResponseBytes
	}
	var body any
	if r.Body != nil {
		data, err := json.Marshal(r.Body)
		if err != nil {
			return nil, fmt.Errorf("ghl: encoding %s %s body: %w", r.Method, r.Path, err)
		}
		body = data
	}
	target := c.sh.base + r.Path
	if len(r.Query) > 0 {
		target += "?" + r.Query.Encode()
	}
	cl.trace.WroteRequest = cl.wrote
	ctx = httptrace.WithClientTrace(context.WithValue(ctx, callKey{}, cl), &cl.trace)
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, target, body)
	if err != nil {
		return cl.result(ctx, nil, err)
	}
	c.setHeaders(req.Header, r, body != nil)
	// The handler closes over the call: a RoundTripper other than http.Transport may leave resp.Request unset.
	req.SetResponseHandler(func(resp *http.Response) error { return cl.readBody(ctx, resp) })
	if err := cl.beforeSend(req.Request); err != nil {
		return cl.result(ctx, nil, err)
	}
	resp, err := c.sh.engine.Do(req)
	return cl.result(ctx, resp, err)
}

// setHeaders attaches what every request carries. The caller's extra headers come last, except Authorization,
// which is the token source's alone.
func (c *Client) setHeaders(h http.Header, r *Request, hasBody bool) {
	h.Set("Version", c.versionFor(r))
	h.Set("Accept", "application/json")
	h.Set("User-Agent", c.sh.userAgent)
	if hasBody {
		h.Set("Content-Type", "application/json")
	}
	for k, v := range r.Header {
		if http.CanonicalHeaderKey(k) != "Authorization" {
			h[http.CanonicalHeaderKey(k)] = v
		}
	}
}

// beforeSend runs before every attempt: wait until the retry's time and for a slot of the location's budget,
// then attach a token.
func (cl *call) beforeSend(req *http.Request) error {
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return err
	}
	slot, waited, err := cl.c.limiter.wait(ctx, cl.retryAt)
	cl.rateWait += waited
	if waited > 0 {
		cl.c.logDebug(ctx, "ghl: waited for rate limit", "method", cl.req.Method, "path", cl.req.Path, "wait", waited)
	}
	if err != nil {
		return err
	}
	token, err := cl.nextToken(ctx)
	if err != nil {
		cl.c.limiter.release(slot)
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	cl.slot.Store(slot)
	cl.attempts++
	cl.inFlight, cl.bodyRead, cl.judged, cl.status = true, false, nil, 0
	cl.sentAt = cl.c.sh.clock.Now()
	return nil
}

// nextToken asks the token source for the token, or after a 401 about the token, for a new one.
func (cl *call) nextToken(ctx context.Context) (string, error) {
	if cl.refresh {
		cl.refresh, cl.refreshed = false, true
		cl.c.logDebug(ctx, "ghl: refreshing token after 401", "method", cl.req.Method, "path", cl.req.Path)
		token, err := cl.c.tokens.(Refresher).Refresh(ctx, cl.token)
		if err != nil {
			return "", &tokenError{op: "refreshing token after 401", err: err}
		}
		cl.token = token
		return token, nil
	}
	token, err := cl.c.tokens.Token(ctx)
	if err != nil {
		return "", &tokenError{op: "getting a token", err: err}
	}
	cl.token = token
	return token, nil
}

// wrote is the httptrace hook that tells the limiter when the request was actually written, which on a busy
// machine can be well after its slot was reserved.
func (cl *call) wrote(httptrace.WroteRequestInfo) {
	cl.c.limiter.sent(cl.slot.Load(), cl.c.sh.clock.Now())
}

// checkRetry is the engine's CheckRetry. The engine asks it about every answer and, when told not to retry an
// answer, asks again after the response handler ran. The decision is made once per answer: a 2xx is decided
// after its body was read (the first question is passed on to readBody), a non-2xx at once (the second question
// repeats the first answer).
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	cl := callFrom(ctx)
	if resp != nil && err == nil && (resp == cl.judged || (is2xx(resp.StatusCode) && !cl.bodyRead)) {
		return false, nil
	}
	return cl.decide(ctx, resp, err)
}

func (cl *call) decide(ctx context.Context, resp *http.Response, err error) (bool, error) {
	sh, l := cl.c.sh, cl.c.limiter
	now := sh.clock.Now()
	cl.settleSlot(resp, err)
	if resp != nil {
		cl.status, cl.header = resp.StatusCode, resp.Header
		cl.rl = parseRateLimit(resp.Header, now, sh.rate.Interval)
		l.observe(cl.rl, cl.status)
		if !is2xx(cl.status) {
			cl.judged = resp
			cl.apiErr = cl.readError(resp)
		}
	}
	switch {
	case err != nil:
		cl.v = classifyError(cl.req.Kind, err)
	case is2xx(cl.status):
		cl.v = verdict{}
		cl.logAttempt(ctx, now, err, 0, "")
		return false, nil
	case cl.mayRefresh():
		cl.v = verdict{retry: true, refresh: true, reason: "token rejected; refreshing it"}
	default:
		cl.v = classifyStatus(cl.req.Kind, cl.status, cl.rl)
	}
	switch {
	case !cl.v.retry:
		cl.logAttempt(ctx, now, err, 0, cl.v.reason)
		return false, err
	case cl.attempts >= cl.policy.MaxAttempts:
		cl.logAttempt(ctx, now, err, 0, cl.v.reason+"; no attempts left")
		return false, err
	case ctx.Err() != nil:
		cl.logAttempt(ctx, now, err, 0, cl.v.reason+"; context done")
		return false, err
	}
	var wait time.Duration
	if cl.v.refresh {
		cl.refresh = true
	} else {
		var free time.Duration
		if cl.status == http.StatusTooManyRequests {
			var alone bool
			if free, alone = l.slotFree(now); !alone {
				// Replicas refused together must not come back together.
				free += sh.jitter(free / 10)
			}
		}
		wait = sh.retryWait(&cl.policy, cl.attempts-1, resp, now, free)
	}
	if cl.status == http.StatusTooManyRequests {
		// Hold the whole location, not only this call, so that its other requests do not meet the same 429.
		l.hold(now.Add(wait))
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(wait).After(deadline) {
		cl.logAttempt(ctx, now, err, wait, cl.v.reason+"; the wait would pass the context deadline")
		return false, err
	}
	cl.retryAt = now.Add(wait)
	cl.logAttempt(ctx, now, err, wait, cl.v.reason)
	return true, nil
}

// settleSlot closes the attempt's entry in the location's log: a request that never left gives its slot back;
// one that may have been written without the trace hook seeing it (a RoundTripper that is not http.Transport)
// counts from now, which is no earlier than it reached the server.
func (cl *call) settleSlot(resp *http.Response, err error) {
	slot := cl.slot.Swap(0)
	if resp == nil && neverSent(err) {
		cl.c.limiter.release(slot)
	} else {
		cl.c.limiter.sent(slot, cl.c.sh.clock.Now())
	}
	if resp != nil || neverSent(err) {
		cl.inFlight = false
	}
}

// readError reads a non-2xx answer's body (capped) and types it.
func (cl *call) readError(resp *http.Response) *Error {
	var data []byte
	if buf, err := readCapped(resp.Body, min(cl.maxBody, maxErrorBodyBytes), resp.ContentLength); err == nil {
		data = append([]byte(nil), buf.Bytes()...)
		releaseBuffer(buf)
	}
	resp.Body.Close()
	resp.Body = http.NoBody
	return newError(cl.req.Method, cl.req.Path, cl.req.Kind, resp, data, cl.rl, cl.token)
}

// mayRefresh reports a 401 about the token itself when the token source can replace it and this call has not
// yet done so.
func (cl *call) mayRefresh() bool {
	_, ok := cl.c.tokens.(Refresher)
	return ok && !cl.refreshed && worthRefreshing(cl.apiErr)
}

// readBody is the engine's response handler: it reads and decodes a 2xx body while the loop can still retry
// one that was cut short. A complete body that is not JSON is not retried: the same answer would come back.
func (cl *call) readBody(ctx context.Context, resp *http.Response) error {
	if !is2xx(resp.StatusCode) {
		return nil
	}
	cl.bodyRead = true
	if raw, ok := cl.out.(*json.RawMessage); ok {
		b, err := readRaw(resp.Body, cl.maxBody, resp.ContentLength)
		resp.Body.Close()
		if err == nil {
			*raw = b
		}
		return err
	}
	buf, err := readCapped(resp.Body, cl.maxBody, resp.ContentLength)
	resp.Body.Close()
	if err != nil {
		return err
	}
	defer releaseBuffer(buf)
	typeErr, err := decodeInto(buf.Bytes(), cl.out)
	if err != nil {
		if errors.Is(err, errIncompleteJSON) {
			return err
		}
		return &DecodeError{Method: cl.req.Method, Path: cl.req.Path, Create: cl.req.Kind == Create, Err: err}
	}
	if typeErr != nil {
		cl.c.logWarn(ctx, "ghl: a field of the response had an unexpected type; it was skipped",
			"method", cl.req.Method, "path", cl.req.Path, "error", api.Redact(typeErr.Error(), cl.token))
	}
	return nil
}

// noWallClockWait is the engine's Backoff: the wait was chosen by checkRetry and is slept by prepareRetry on the
// client's clock, so the engine's timer gets zero.
func noWallClockWait(_, _ time.Duration, _ int, _ *http.Response) time.Duration { return 0 }

// prepareRetry is the engine's PrepareRetry: the same steps as before the first attempt.
func prepareRetry(req *http.Request) error {
	// The engine copies the request before each retry but shares its header map with the attempt before.
	req.Header = req.Header.Clone()
	return callFrom(req.Context()).beforeSend(req)
}

// passError is the engine's ErrorHandler: the call's result is made by result, from the call's state.
func passError(resp *http.Response, err error, _ int) (*http.Response, error) {
	if resp != nil {
		resp.Body.Close()
	}
	return nil, err
}

// result turns the engine's outcome into the call's.
func (cl *call) result(ctx context.Context, resp *http.Response, err error) (*Response, error) {
	var lde *limiterDeadlineError
	switch {
	case err == nil && is2xx(resp.StatusCode):
		cl.capture(resp.Header, "")
		return cl.req.Response, nil
	case err == nil || (errors.As(err, &lde) && cl.apiErr != nil && cl.judged != nil):
		// A non-2xx answer the loop did not (or could not, within the deadline) retry.
		e := cl.apiErr
		e.Attempts = cl.attempts
		if cl.v.retry && !cl.v.refresh {
			e.Mark(ErrTemporary)
		}
		cl.capture(cl.header, e.TraceID)
		// e was scrubbed of the call's token when it was built (readError); logDebug scrubs bearer shapes again.
		cl.c.logDebug(ctx, "ghl: request failed", "method", cl.req.Method, "path", cl.req.Path,
			"status", e.StatusCode, "attempts", cl.attempts, "error", e.Message())
		return cl.req.Response, e
	}
	err = cl.requestError(err)
	cl.capture(nil, "")
	return cl.req.Response, err
}

// capture fills the caller's Response, when it asked for one.
func (cl *call) capture(h http.Header, traceID string) {
	m := cl.req.Response
	if m == nil {
		return
	}
	if traceID == "" && h != nil {
		traceID = h.Get("X-Trace-Id")
	}
	*m = Response{StatusCode: cl.status, Header: h, RateLimit: cl.rl, TraceID: traceID, Attempts: cl.attempts,
		RateLimitWait: cl.rateWait}
}

// requestError types a failure that has no usable HTTP answer, keeping the URL (and its query) out of the
// message.
func (cl *call) requestError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var (
		apiErr    *Error
		tooLarge  *TooLargeError
		decodeErr *DecodeError
		tokenErr  *tokenError
	)
	switch {
	case errors.As(err, &apiErr), errors.Is(err, ErrInvalidArgument), errors.As(err, &tooLarge),
		errors.As(err, &decodeErr):
		return err
	case errors.As(err, &tokenErr):
		return fmt.Errorf("ghl: %s %s: %w", cl.req.Method, cl.req.Path, err)
	case isCutShort(err):
		return &BodyError{Method: cl.req.Method, Path: cl.req.Path, StatusCode: cl.status, Attempts: cl.attempts,
			Create: cl.req.Kind == Create, Err: err}
	}
	local := isLocal(err)
	ended := errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
	return &RequestError{
		Method:   cl.req.Method,
		Path:     cl.req.Path,
		Attempts: cl.attempts,
		Err:      err,
		// A create is in doubt when its last attempt went out and no answer came back (a reset, a timeout, the
		// context ending): the record may exist.
		MayHaveReachedServer: cl.req.Kind == Create && !local && cl.inFlight,
		Temporary:            cl.v.retry && !cl.v.refresh && !local && !ended,
	}
}

// isLocal reports failures that happened on this side before sending.
func isLocal(err error) bool {
	var lde *limiterDeadlineError
	return errors.As(err, &lde)
}

// tokenError is a token source's failure: the call was not sent with the token it asked for. It matches what the
// source's error matches, except ErrOutcomeUnknown: a token request in doubt (auth's own concern, which it settles
// through its store) must not make a create look as if it may have been applied, and start a lookup for it.
type tokenError struct {
	op  string
	err error
}

func (e *tokenError) Error() string { return e.op + ": " + e.err.Error() }

// Is stands in for Unwrap, so that ErrOutcomeUnknown can be left out of the chain.
func (e *tokenError) Is(target error) bool {
	return target != ErrOutcomeUnknown && errors.Is(e.err, target)
}

// As lets callers reach the source's own error types, such as *auth.OAuthError.
func (e *tokenError) As(target any) bool { return errors.As(e.err, target) }

func is2xx(status int) bool { return status >= 200 && status < 300 }

func (cl *call) logAttempt(ctx context.Context, now time.Time, err error, wait time.Duration, reason string) {
	if cl.c.sh.log == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", cl.req.Method),
		slog.String("path", cl.req.Path),
		slog.Int("attempt", cl.attempts),
		slog.Duration("duration", now.Sub(cl.sentAt)),
	}
	if cl.status != 0 {
		attrs = append(attrs, slog.Int("status", cl.status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", api.Redact(cl.requestError(err).Error(), cl.token)))
	}
	if wait > 0 {
		attrs = append(attrs, slog.Duration("retry_in", wait))
	}
	if reason != "" {
		attrs = append(attrs, slog.String("reason", reason))
	}
	cl.c.sh.log.LogAttrs(ctx, slog.LevelDebug, "ghl: request", attrs...)
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
		c.sh.log.DebugContext(ctx, msg, redactArgs(args)...)
	}
}

func (c *Client) logWarn(ctx context.Context, msg string, args ...any) {
	if c.sh.log != nil {
		c.sh.log.WarnContext(ctx, msg, redactArgs(args)...)
	}
}

// redactArgs scrubs anything shaped like "Bearer <token>" from the text values of a log line, whoever built
// them; the lines of a call scrub its own token before they get here.
func redactArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			out[i] = api.Redact(v)
		case error:
			out[i] = api.Redact(v.Error())
		default:
			out[i] = a
		}
	}
	return out
}
