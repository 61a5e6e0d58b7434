package webhook

import "github.com/ghlkit/ghl/api"

// AppInstall is the payload of TypeInstall, sent when a location or an agency installs the app. An install
// at agency level has no LocationID; one through "future locations" may lack UserID and CompanyID.
type AppInstall struct {
	AppID     string `json:"appId"`
	VersionID string `json:"versionId"`
	// InstallType says at which level the app was installed: "Location" or "Company".
	InstallType         string             `json:"installType"`
	CompanyID           string             `json:"companyId"`
	LocationID          string             `json:"locationId"`
	UserID              string             `json:"userId"`
	PlanID              string             `json:"planId"`
	Trial               *Trial             `json:"trial,omitempty"`
	IsWhitelabelCompany bool               `json:"isWhitelabelCompany"`
	WhitelabelDetails   *WhitelabelDetails `json:"whitelabelDetails,omitempty"`
	CompanyName         string             `json:"companyName"`
}

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
