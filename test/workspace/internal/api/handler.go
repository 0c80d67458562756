// Package api serves the orders HTTP API.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"strconv"
	"strings"

	"example.com/orders/internal/inventory"
	"example.com/orders/internal/metrics"
	"example.com/orders/internal/store"
)

// Handler answers the /orders endpoints.
type Handler struct {
	store     *store.Store
	inventory *inventory.Client
	stats     *metrics.Stats
}

// NewHandler wires the handler to its dependencies.
func NewHandler(s *store.Store, inv *inventory.Client, stats *metrics.Stats) *Handler {
	return &Handler{store: s, inventory: inv, stats: stats}
}

// Routes registers every endpoint on a new mux, wrapped in the middleware.
func (h *Handler) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/orders/", h.getOrder)
	mux.HandleFunc("/customers/", h.listCustomerOrders)
	mux.HandleFunc("/cancel/", h.cancelOrder)
	mux.HandleFunc("/healthz", h.health)
	return withRequestID(mux)
}

func (h *Handler) getOrder(w http.ResponseWriter, r *http.Request) {
	h.stats.Inc("getOrder")
	id := strings.TrimPrefix(r.URL.Path, "/orders/")
	order, err := h.store.Get(r.Context(), id)
	// pitfall: error-compare
	if err == store.ErrNotFound {
		http.Error(w, "order not found", http.StatusNotFound)
		return
	}
	if err != nil {
		log.Printf("request %s: %v", requestID(r.Context()), err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeJSON(w, order)
}

// Page is the window of results a list endpoint returns.
type Page struct {
	Limit  int
	Offset int
}

// pitfall: value-receiver-mutation
func (p Page) Advance() { p.Offset += p.Limit }

func (h *Handler) listCustomerOrders(w http.ResponseWriter, r *http.Request) {
	h.stats.Inc("listCustomerOrders")
	customerID := strings.TrimPrefix(r.URL.Path, "/customers/")
	page := Page{Limit: 50}
	if offset, err := strconv.Atoi(r.URL.Query().Get("offset")); err == nil {
		page.Offset = offset
	}
	orders, err := h.store.ListByCustomer(customerID, r.Context())
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if page.Offset > len(orders) {
		page.Offset = len(orders)
	}
	current := orders[page.Offset:min(page.Offset+page.Limit, len(orders))]
	next := page
	next.Advance()
	writeJSON(w, map[string]any{"orders": current, "next": next})
}

func (h *Handler) cancelOrder(w http.ResponseWriter, r *http.Request) {
	h.stats.Inc("cancelOrder")
	id := strings.TrimPrefix(r.URL.Path, "/cancel/")
	// pitfall: context-propagation
	if err := h.store.Cancel(context.Background(), id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			http.Error(w, "no pending order with that id", http.StatusConflict)
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// pitfall: mixed-receivers
func (h Handler) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]string{"status": "ok"})
}

func writeJSON(w http.ResponseWriter, value any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(value); err != nil {
		log.Printf("writing response: %v", err)
	}
}
