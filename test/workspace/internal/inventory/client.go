// Package inventory talks to the inventory service over HTTP.
package inventory

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Client calls the inventory service.
type Client struct {
	baseURL string
	http    *http.Client
}

// NewClient returns a client for the service at baseURL.
func NewClient(baseURL string) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: 5 * time.Second}}
}

// Stock is what the service reports for one SKU.
type Stock struct {
	SKU       string `json:"sku"`
	Available int    `json:"available"`
}

// StockLevel asks how many units of a SKU are available.
func (c *Client) StockLevel(ctx context.Context, sku string) (*Stock, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/stock/"+sku, nil)
	if err != nil {
		return nil, fmt.Errorf("building stock request for %s: %w", sku, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching stock of %s: %w", sku, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching stock of %s: inventory answered %s", sku, resp.Status)
	}
	var stock Stock
	if err := json.NewDecoder(resp.Body).Decode(&stock); err != nil {
		return nil, fmt.Errorf("decoding stock of %s: %w", sku, err)
	}
	return &stock, nil
}

// Reserve holds qty units of a SKU for an order.
func (c *Client) Reserve(ctx context.Context, orderID, sku string, qty int) error {
	body, err := json.Marshal(map[string]any{"order_id": orderID, "sku": sku, "quantity": qty})
	if err != nil {
		return fmt.Errorf("encoding reservation: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/reservations", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("building reservation for %s: %w", orderID, err)
	}
	req.Header.Set("Content-Type", "application/json")
	// pitfall: response-body-close
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("reserving %s for %s: %w", sku, orderID, err)
	}
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("reserving %s for %s: inventory answered %s", sku, orderID, resp.Status)
	}
	return nil
}
