-- End of the newest window whose verdict was recorded. Two instances can measure one watch at once
-- (a measurement slower than the interval overlaps the next claim); a verdict for a window not newer
-- than this one arrives out of order and is dropped, so consecutive windows are counted in order.
ALTER TABLE watch ADD COLUMN last_window_end TIMESTAMPTZ;
