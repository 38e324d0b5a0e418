module github.com/smimelint/zlint-smime

go 1.25.0

require (
	github.com/google/certificate-transparency-go v1.4.0
	github.com/google/go-cmp v0.7.0
	github.com/pelletier/go-toml v1.9.5
	github.com/prometheus/client_golang v1.24.1
	github.com/zmap/zcrypto v0.0.0-20260906180147-3ed30b1e9340
	github.com/zmap/zlint/v3 v3.7.3
	golang.org/x/crypto v0.55.0
	golang.org/x/net v0.58.0
	golang.org/x/perf v0.0.0-20260709024250-82a0b07e230d
	golang.org/x/text v0.41.0
)

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/kylelemons/godebug v1.1.0 // indirect
	github.com/munnerz/goautoneg v0.0.0-20191010083416-a7dc8b61c822 // indirect
	github.com/prometheus/client_model v0.6.2 // indirect
	github.com/prometheus/common v0.70.1 // indirect
	github.com/prometheus/procfs v0.21.1 // indirect
	github.com/weppos/publicsuffix-go v0.50.4-0.20260821095816-b0fdb5c2d345 // indirect
	golang.org/x/sys v0.47.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
