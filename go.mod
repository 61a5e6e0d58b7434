module github.com/ghlkit/ghl

go 1.24
