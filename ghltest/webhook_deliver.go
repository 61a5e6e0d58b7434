package ghltest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
)

// webhookResponseCap bounds how much of a receiver's answer Deliver keeps.
const webhookResponseCap = 1 << 20

// WebhookDelivery is what Deliver sent and what the receiver answered.
type WebhookDelivery struct {
	// StatusCode, Header and Body are the receiver's answer (Body capped at 1 MiB).
	StatusCode int
	Header     http.Header
	Body       []byte
	// Sent is the body as sent (tampered, if asked); Signature is the header sent ("" if omitted).
	Sent      []byte
	Signature string
}

// WebhookDeliveryOption changes how Deliver sends, mostly to break a delivery on purpose.
type WebhookDeliveryOption func(*webhookDelivery)

type webhookDelivery struct {
	tamper    bool
	omit      bool
	signature *string
	method    string
	header    http.Header
	client    *http.Client
}

// WithWebhookTamper changes one byte of the body after signing it. The body stays valid JSON where it can
// (a letter's case or a digit is changed), so only the signature can catch it.
func WithWebhookTamper() WebhookDeliveryOption {
	return func(d *webhookDelivery) { d.tamper = true }
}

// WithoutWebhookSignature sends no x-ghl-signature header.
func WithoutWebhookSignature() WebhookDeliveryOption {
	return func(d *webhookDelivery) { d.omit = true }
}

// WithWebhookSignature sends sig as x-ghl-signature instead of the real signature.
func WithWebhookSignature(sig string) WebhookDeliveryOption {
	return func(d *webhookDelivery) { d.signature = &sig }
}

// WithWebhookMethod sends with method instead of POST.
func WithWebhookMethod(method string) WebhookDeliveryOption {
	return func(d *webhookDelivery) { d.method = method }
}

// WithWebhookHeader adds a header to the request.
func WithWebhookHeader(key, value string) WebhookDeliveryOption {
	return func(d *webhookDelivery) { d.header.Add(key, value) }
}

// WithWebhookClient sends through c instead of http.DefaultClient.
func WithWebhookClient(c *http.Client) WebhookDeliveryOption {
	return func(d *webhookDelivery) { d.client = c }
}

// Deliver signs body and POSTs it to url as HighLevel would: Content-Type application/json and the
// x-ghl-signature header. It returns what the receiver answered; an error only when no answer came.
func (s *WebhookSigner) Deliver(ctx context.Context, url string, body []byte,
	opts ...WebhookDeliveryOption) (*WebhookDelivery, error) {
	d := webhookDelivery{method: http.MethodPost, header: http.Header{}, client: http.DefaultClient}
	for _, o := range opts {
		o(&d)
	}
	sig := s.Sign(body)
	if d.signature != nil {
		sig = *d.signature
	}
	sent := body
	if d.tamper {
		sent = webhookTamper(body)
	}
	req, err := http.NewRequestWithContext(ctx, d.method, url, bytes.NewReader(sent))
	if err != nil {
		return nil, fmt.Errorf("ghltest: building webhook request: %w", err)
	}
	for k, vs := range d.header {
		req.Header[k] = append(req.Header[k], vs...)
	}
	req.Header.Set("Content-Type", "application/json")
	if d.omit {
		sig = ""
	} else {
		req.Header.Set(WebhookSignatureHeader, sig)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ghltest: delivering webhook: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, webhookResponseCap))
	if err != nil {
		return nil, fmt.Errorf("ghltest: reading webhook answer: %w", err)
	}
	return &WebhookDelivery{
		StatusCode: resp.StatusCode, Header: resp.Header, Body: answer, Sent: sent, Signature: sig,
	}, nil
}

// webhookTamper returns a copy of body with one byte changed, from the middle on: a letter's case flipped or
// a digit moved on by one inside a JSON string, or a digit of a number, which keeps JSON valid (a letter of
// true, false or null is left alone). A body with neither gets its last byte's low bit flipped, an empty one
// a space.
func webhookTamper(body []byte) []byte {
	out := bytes.Clone(body)
	if len(out) == 0 {
		return []byte(" ")
	}
	inString := make([]bool, len(out))
	in, escaped := false, false
	for i, c := range out {
		switch {
		case escaped: // the letter of an escape (\n, \u) must stay as it is
			escaped = false
			continue
		case in && c == '\\':
			escaped = true
		case c == '"':
			in = !in
			continue
		}
		inString[i] = in
	}
	for i := len(out) / 2; i < len(out)+len(out)/2; i++ {
		j := i % len(out)
		switch c := out[j]; {
		case inString[j] && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			out[j] = c ^ 0x20
			return out
		case c >= '1' && c <= '8' && (inString[j] || j > 0 && out[j-1] >= '0' && out[j-1] <= '9'):
			out[j] = c + 1 // never a leading digit of a number turned into 0, nor 9 into 10
			return out
		}
	}
	out[len(out)-1] ^= 1
	return out
}
