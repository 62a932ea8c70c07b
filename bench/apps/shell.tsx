/**
 * What every benchmark app shares: React, the router, TanStack Query, a home page and a protected
 * page. The "base" app is this alone; the others add an auth kit to it, and the benchmark reports
 * what each kit adds.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';

export function Home() {
  return (
    <main>
      <h1>Shop</h1>
      <Link to="/orders">Your orders</Link>
    </main>
  );
}

export function Orders() {
  return <h1>Your orders</h1>;
}

/** Mounts the app: `authRoutes` are the kit's routes, `guard` wraps protected pages. */
export function mount(options: { authRoutes?: ReactNode; guard?: (page: ReactNode) => ReactNode; wrap?: (app: ReactNode) => ReactNode }) {
  const queryClient = new QueryClient();
  const guard = options.guard ?? ((page: ReactNode) => page);
  const app = (
    <Routes>
      {options.authRoutes}
      <Route path="/" element={<Home />} />
      <Route path="/orders" element={guard(<Orders />)} />
    </Routes>
  );
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>{options.wrap ? options.wrap(app) : app}</BrowserRouter>
    </QueryClientProvider>,
  );
}
