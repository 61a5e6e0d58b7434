// Package redisstore shares a ghl client's state between replicas through Redis.
package redisstore
