// Package auth supplies the tokens the ghl client sends: Private Integration Tokens and static access tokens.
package auth
