package main

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
)

// The pages a person sees: a GET on a POST endpoint is a form, as on
// pkimetal; format=html (or a GET with the input in the query) is the
// findings as a table under the same form.

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"upper": strings.ToUpper,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zlint-smime | {{.Endpoint.Path}}</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; color: #222; margin: 1.5em auto; max-width: 70em; padding: 0 1em; }
h1 { font-size: 1.4em; margin-bottom: .2em; }
nav a { margin-right: 1em; }
textarea { width: 100%; font: 13px monospace; box-sizing: border-box; }
label { display: block; margin-top: .6em; font-weight: 600; }
select, button { font-size: 1em; margin-right: 1em; }
button { margin-top: .8em; padding: .3em 1.2em; }
table { border-collapse: collapse; margin-top: 1.2em; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.code { font-family: monospace; white-space: nowrap; }
td:first-child { white-space: nowrap; }
tr.meta { color: #4a7a4a; }
tr.notice { background: #fffbe0; }
tr.warning { background: #fff0e0; color: #a04800; }
tr.error { background: #ffe3e3; color: #b00000; font-weight: 600; }
tr.fatal, tr.bug { background: #1d2f8f; color: #fff; font-weight: 600; }
</style>
</head>
<body>
<h1>zlint-smime: lint {{.Endpoint.What}}</h1>
<nav>{{range .Endpoints}}<a href="{{.Path}}">{{.Path}}</a>{{end}}<a href="/linters">/linters</a><a href="/profiles">/profiles</a></nav>
{{if .Shown}}
<table id="findings">
<thead><tr><th>Linter</th><th>Severity</th><th>Code</th><th>Finding</th></tr></thead>
<tbody>
{{range .Results}}<tr class="{{.Severity}}"><td>{{.Linter}}</td><td>{{upper .Severity}}</td><td class="code">{{.Code}}</td><td>{{.Finding}}</td></tr>
{{else}}<tr><td colspan="4">No findings</td></tr>
{{end}}</tbody>
</table>
{{end}}
<form method="post" action="{{.Endpoint.Path}}">
<input type="hidden" name="format" value="html">
<label for="b64input">Input: {{.Endpoint.What}} (PEM or base64 DER)</label>
<textarea id="b64input" name="b64input" rows="12" placeholder="-----BEGIN ...">{{.Input}}</textarea>
<label for="issuer">Issuing CA certificate (optional, PEM or base64 DER): runs the issuer-aware checks</label>
<textarea id="issuer" name="issuer" rows="4">{{.Issuer}}</textarea>
<label>Profile and minimum severity</label>
<select name="profile">{{range .Profiles}}<option value="{{.Name}}"{{if eq .Name $.Profile}} selected{{end}}>{{.Name}}</option>{{end}}</select>
<select name="severity">{{range .Severities}}<option{{if eq . $.Severity}} selected{{end}}>{{.}}</option>{{end}}</select>
<button type="submit">Lint</button>
</form>
</body>
</html>
`))

type pageEndpoint struct{ Path, What string }

type pageData struct {
	Endpoint   pageEndpoint
	Endpoints  []pageEndpoint
	Profiles   []*serveProfile
	Severities []string
	Shown      bool
	Results    []apiResult
	Input      string
	Issuer     string
	Profile    string
	Severity   string
}

func newPageData(e serveEndpoint, profiles []*serveProfile) pageData {
	d := pageData{Endpoint: pageEndpoint{e.path, e.what}, Profiles: profiles, Severities: apiSeverities,
		Profile: defaultProfile, Severity: "meta"}
	for _, x := range serveEndpoints {
		d.Endpoints = append(d.Endpoints, pageEndpoint{x.path, x.what})
	}
	return d
}

func renderPage(w http.ResponseWriter, status int, d pageData) {
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, d); err != nil {
		http.Error(w, "rendering the page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeForm is the empty form of an endpoint.
func writeForm(w http.ResponseWriter, e serveEndpoint, profiles []*serveProfile) {
	renderPage(w, http.StatusOK, newPageData(e, profiles))
}

// writeResultPage is the findings under the form, filled in as sent.
func writeResultPage(w http.ResponseWriter, status int, results []apiResult, e serveEndpoint, r *http.Request, profiles []*serveProfile) {
	d := newPageData(e, profiles)
	d.Shown, d.Results = true, results
	d.Input = r.FormValue("b64input")
	if d.Input == "" {
		d.Input = r.FormValue(e.alt)
	}
	d.Issuer = r.FormValue("issuer")
	if p := r.FormValue("profile"); p != "" {
		d.Profile = p
	}
	if sv := r.FormValue("severity"); sv != "" {
		d.Severity = sv
	}
	renderPage(w, status, d)
}

// writeIndex is the root page: a link to each form.
func writeIndex(w http.ResponseWriter) {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>zlint-smime</title></head><body><h1>zlint-smime</h1><ul>")
	for _, e := range serveEndpoints {
		b.WriteString("<li><a href=\"" + e.path + "\">" + e.path + "</a>: lint " + template.HTMLEscapeString(e.what) + "</li>")
	}
	b.WriteString("<li><a href=\"/linters\">/linters</a></li><li><a href=\"/profiles\">/profiles</a></li></ul></body></html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(b.String()))
}
