package transport

// CloseIdleConnections closes the idle connections of the pool New built, which every location view shares. A
// pool the user gave (Config.HTTPClient) is the user's to manage and is left alone, and http.DefaultTransport
// is never touched: the SDK's pool is a clone of it.
func (c *Client) CloseIdleConnections() {
	if c.sh.ownsPool {
		c.sh.hc.CloseIdleConnections()
	}
}
