package webhook

import (
	"cmp"
	"context"
	"errors"

	"github.com/ghlkit/ghl/auth"
)

// AppLifecycle is what HandleAppLifecycle calls for INSTALL and UNINSTALL deliveries; *auth.Installs
// implements it. Both methods must be idempotent: a delivery can arrive twice, or at two replicas at once.
type AppLifecycle interface {
	Install(ctx context.Context, ev auth.Installation) error
	Uninstall(ctx context.Context, ev auth.Installation) error
}

// HandleAppLifecycle registers functions on h for TypeInstall and TypeUninstall that hand each delivery's
// company, location and timestamp to lc, replacing any functions registered for those types before. An error
// of lc answers 429, so HighLevel delivers the event again.
//
//	installs := app.Installs(store)
//	webhook.HandleAppLifecycle(h, installs)
func HandleAppLifecycle(h *Handler, lc AppLifecycle) {
	h.On(TypeInstall, func(ctx context.Context, e *Event) error {
		in, ok := e.Data.(*AppInstall)
		if !ok {
			return errNoPayload
		}
		return lc.Install(ctx, auth.Installation{CompanyID: in.CompanyID, LocationID: cmp.Or(in.LocationID, e.LocationID), At: e.Timestamp})
	})
	h.On(TypeUninstall, func(ctx context.Context, e *Event) error {
		un, ok := e.Data.(*AppUninstall)
		if !ok {
			return errNoPayload
		}
		return lc.Uninstall(ctx, auth.Installation{CompanyID: un.CompanyID, LocationID: cmp.Or(un.LocationID, e.LocationID), At: e.Timestamp})
	})
}

// errNoPayload is a delivery whose body did not decode as its type; answering 429 gets it again rather than
// losing an uninstall.
var errNoPayload = errors.New("webhook: app lifecycle event without its payload")
