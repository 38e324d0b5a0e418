# zlint-smime serve in a container: a static binary (no cgo) on distroless.
#   docker build -t zlint-smime .
#   docker run --rm -p 8080:8080 zlint-smime
# The service listens on all interfaces inside the container; publish the
# port only where the CA's issuance hook can reach it.
FROM golang:1.25 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /zlint-smime ./cmd/zlint-smime

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /zlint-smime /zlint-smime
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/zlint-smime", "serve", "-addr", ":8080"]
