package transport

import (
	"context"

	"github.com/ghlkit/ghl/option"
)

type optionsKey struct{}

// applied is what a call's options made, or why they were refused.
type applied struct {
	s   *option.Settings
	err error
}

// WithOptions carries a call's options to every request the call sends, its iterator's page requests and its
// own lookups included. Each service method's first line; without options it returns ctx as it is.
func WithOptions(ctx context.Context, opts []option.RequestOption) context.Context {
	if len(opts) == 0 {
		return ctx
	}
	s, err := option.Apply(opts)
	return context.WithValue(ctx, optionsKey{}, applied{s: s, err: err})
}

// applyOptions puts the options ctx carries on r, leaving the overrides r already has. A refused option is
// returned before anything is sent.
func applyOptions(ctx context.Context, r *Request) (*Request, error) {
	a, ok := ctx.Value(optionsKey{}).(applied)
	if !ok {
		return r, nil
	}
	if a.err != nil {
		return nil, a.err
	}
	if a.s == nil {
		return r, nil
	}
	cp := *r
	if len(a.s.Header) > 0 {
		cp.Header = a.s.Header.Clone()
		for k, v := range r.Header {
			cp.Header[k] = v
		}
	}
	if cp.Retry == nil {
		cp.Retry = a.s.Retry
	}
	if cp.MaxResponseBytes <= 0 {
		cp.MaxResponseBytes = a.s.MaxResponseBytes
	}
	if cp.Response == nil {
		cp.Response = a.s.Response
	}
	return &cp, nil
}
