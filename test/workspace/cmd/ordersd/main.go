// Command ordersd serves the orders API and runs the shipping worker.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"example.com/orders/internal/api"
	"example.com/orders/internal/inventory"
	"example.com/orders/internal/metrics"
	"example.com/orders/internal/store"
	"example.com/orders/internal/worker"
)

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	dsn := flag.String("dsn", os.Getenv("ORDERS_DSN"), "database connection string")
	inventoryURL := flag.String("inventory", "http://inventory.internal", "inventory service base URL")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	db, err := sql.Open("postgres", *dsn)
	if err != nil {
		log.Fatalf("opening database: %v", err)
	}
	defer db.Close()

	orders := store.New(db, 3*time.Second)
	inv := inventory.NewClient(*inventoryURL)
	stats := metrics.NewStats()
	handler := api.NewHandler(orders, inv, stats)

	w := worker.New(ctx, orders, inv, 10*time.Second)
	go func() {
		if err := w.Run(); err != nil && !errors.Is(err, context.Canceled) {
			log.Printf("worker stopped: %v", err)
		}
	}()

	// pitfall: http-server-timeouts
	srv := &http.Server{Addr: *addr, Handler: handler.Routes()}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()

	log.Printf("listening on %s", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("serving: %v", err)
	}
}
