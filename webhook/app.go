package webhook

import (
	"encoding/json"

	"github.com/ghlkit/ghl/api"
)

// AppInstall is the payload of TypeInstall, sent when a location or an agency installs the app. An install
// at agency level has no LocationID; one through "future locations" may lack UserID and CompanyID.
type AppInstall struct {
	AppID     string `json:"appId"`
	VersionID string `json:"versionId"`
	// InstallType says at which level the app was installed: "Location" or "Company".
	InstallType string `json:"installType"`
	CompanyID   string `json:"companyId"`
	LocationID  string `json:"locationId"`
	UserID      string `json:"userId"`
	PlanID      string `json:"planId"`
	// Trial is the trial the install starts with; nil when there is none, including when HighLevel sends
	// "trial": {} for an install without one.
	Trial               *Trial             `json:"trial,omitempty"`
	IsWhitelabelCompany bool               `json:"isWhitelabelCompany"`
	WhitelabelDetails   *WhitelabelDetails `json:"whitelabelDetails,omitempty"`
	CompanyName         string             `json:"companyName"`
}

// UnmarshalJSON decodes the install as encoding/json would, except that an empty "trial" object leaves Trial
// nil, so that Trial != nil means HighLevel described a trial. A field of an unexpected type is reported the
// way encoding/json reports it, after the rest is decoded.
func (a *AppInstall) UnmarshalJSON(b []byte) error {
	type plain AppInstall // without this method
	var p plain
	err := json.Unmarshal(b, &p)
	if err != nil && !isTypeMismatch(err) {
		return err
	}
	if p.Trial != nil {
		var probe struct {
			Trial map[string]json.RawMessage `json:"trial"`
		}
		if json.Unmarshal(b, &probe) == nil && len(probe.Trial) == 0 {
			p.Trial = nil
		}
	}
	*a = AppInstall(p)
	return err
}

// Active reports whether the install is on a trial: HighLevel described one and its onTrial is true. It is
// false for a nil Trial.
func (t *Trial) Active() bool { return t != nil && t.OnTrial }

// Trial describes the trial an install starts with.
type Trial struct {
	OnTrial        bool     `json:"onTrial"`
	TrialDuration  float64  `json:"trialDuration"` // unit not documented by HighLevel
	TrialStartDate api.Time `json:"trialStartDate"`
}

// WhitelabelDetails is the installing company's white-label branding (empty when it has none).
type WhitelabelDetails struct {
	Domain  string `json:"domain"`
	LogoURL string `json:"logoUrl"`
}

// AppUninstall is the payload of TypeUninstall. At agency level it has CompanyID and no LocationID.
type AppUninstall struct {
	AppID      string `json:"appId"`
	VersionID  string `json:"versionId"`
	CompanyID  string `json:"companyId"`
	LocationID string `json:"locationId"`
}

// EventType returns TypeInstall.
func (*AppInstall) EventType() string { return TypeInstall }

// EventType returns TypeUninstall.
func (*AppUninstall) EventType() string { return TypeUninstall }
