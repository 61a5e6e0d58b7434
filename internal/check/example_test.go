package check_test

import (
	"fmt"

	"github.com/ghlkit/ghl/internal/check"
)

func ExampleEmail() {
	fmt.Println(check.Email("Email", "ada+crm@example.com"))
	fmt.Println(check.Email("Email", "a@b"))
	// Output:
	// <nil>
	// ghl: invalid argument Email: is not an email address: want one @, a name before it and a domain with a dot after it
}
